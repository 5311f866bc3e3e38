use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HypervisorRow {
    pub hostname: String,
    pub hypervisor_type: String,
    pub state: String,
    pub status: String,
    pub vcpus_used: i64,
    pub vcpus: i64,
    pub memory_mb_used: i64,
    pub memory_mb: i64,
    pub local_gb_used: i64,
    pub local_gb: i64,
    pub running_vms: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComputeServiceRow {
    pub binary: String,
    pub host: String,
    pub zone: String,
    pub status: String,
    pub state: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HypervisorsPage {
    pub hypervisors: Vec<HypervisorRow>,
    pub services: Vec<ComputeServiceRow>,
}
