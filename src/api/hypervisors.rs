//! Admin › Hypervisors.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::hypervisor::HypervisorsPage;

/// Hypervisors with their use, and the compute services, asked at once.
#[server(endpoint = "list_hypervisors")]
pub async fn list_hypervisors() -> Result<HypervisorsPage, AppError> {
    use crate::model::hypervisor::{ComputeServiceRow, HypervisorRow};
    use crate::openstack::compute;
    let (state, session, auth) = super::ssr::require_admin().await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let (hypervisors, services) =
            tokio::join!(compute::list_hypervisors(&os), compute::list_services(&os));
        Ok(HypervisorsPage {
            hypervisors: hypervisors?
                .into_iter()
                .map(|h| HypervisorRow {
                    hostname: h.hypervisor_hostname,
                    hypervisor_type: h.hypervisor_type,
                    state: h.state,
                    status: h.status,
                    vcpus_used: h.vcpus_used,
                    vcpus: h.vcpus,
                    memory_mb_used: h.memory_mb_used,
                    memory_mb: h.memory_mb,
                    local_gb_used: h.local_gb_used,
                    local_gb: h.local_gb,
                    running_vms: h.running_vms,
                })
                .collect(),
            services: services?
                .into_iter()
                .map(|s| ComputeServiceRow {
                    binary: s.binary,
                    host: s.host,
                    zone: s.zone,
                    status: s.status,
                    state: s.state,
                    updated_at: s
                        .updated_at
                        .as_deref()
                        .map(super::ssr::local_cloud_time)
                        .unwrap_or_default(),
                })
                .collect(),
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}
