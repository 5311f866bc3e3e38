//! Neutron floating IPs.

use serde::Deserialize;

use crate::openstack::catalog::ServiceType;
use crate::openstack::client::Scoped;
use crate::openstack::error::OsError;

#[derive(Debug, Clone, Deserialize)]
pub struct FloatingIp {
    pub id: String,
    pub floating_ip_address: String,
    #[serde(default)]
    pub port_id: Option<String>,
    #[serde(default)]
    pub fixed_ip_address: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct FloatingIpsBody {
    pub floatingips: Vec<FloatingIp>,
}

/// The project's floating IPs, associated or not.
pub async fn floating_ips(os: &Scoped<'_>, project_id: &str) -> Result<Vec<FloatingIp>, OsError> {
    let body: FloatingIpsBody = os
        .get_json(
            ServiceType::Network,
            &format!("/v2.0/floatingips?project_id={project_id}"),
        )
        .await?;
    Ok(body.floatingips)
}

/// Points a floating IP at a port, or (`None`) at nothing.
pub async fn set_floating_ip_port(
    os: &Scoped<'_>,
    floating_ip_id: &str,
    port_id: Option<&str>,
) -> Result<(), OsError> {
    let req = os
        .request(
            ServiceType::Network,
            reqwest::Method::PUT,
            &format!("/v2.0/floatingips/{floating_ip_id}"),
        )?
        .json(&serde_json::json!({ "floatingip": { "port_id": port_id } }));
    crate::openstack::client::send(ServiceType::Network, req).await?;
    Ok(())
}
