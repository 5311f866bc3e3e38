//! The Keystone service catalog: which URL serves a service type, for an interface and region.

use serde::{Deserialize, Serialize};

/// The services Meridian talks to. Each has the catalog types it may be registered under,
/// newest name first (Cinder has been `volumev3`, `block-storage` and `volume`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceType {
    Identity,
    Compute,
    Network,
    Image,
    BlockStorage,
}

impl ServiceType {
    pub fn catalog_types(self) -> &'static [&'static str] {
        match self {
            ServiceType::Identity => &["identity"],
            ServiceType::Compute => &["compute"],
            ServiceType::Network => &["network"],
            ServiceType::Image => &["image"],
            ServiceType::BlockStorage => &["block-storage", "volumev3", "volume"],
        }
    }

    /// The name a user sees in messages.
    pub fn display_name(self) -> &'static str {
        match self {
            ServiceType::Identity => "Identity (Keystone)",
            ServiceType::Compute => "Compute (Nova)",
            ServiceType::Network => "Network (Neutron)",
            ServiceType::Image => "Image (Glance)",
            ServiceType::BlockStorage => "Block Storage (Cinder)",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    pub interface: String,
    #[serde(default)]
    pub region_id: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    pub url: String,
}

impl Endpoint {
    pub fn region_name(&self) -> Option<&str> {
        self.region_id.as_deref().or(self.region.as_deref())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogEntry {
    #[serde(rename = "type")]
    pub service_type: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub endpoints: Vec<Endpoint>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Catalog(pub Vec<CatalogEntry>);

impl Catalog {
    /// The URL (without a trailing slash) of `service` for `interface`, in `region` when one
    /// is given. Catalog types are tried in the service's order of preference.
    pub fn endpoint(
        &self,
        service: ServiceType,
        interface: &str,
        region: Option<&str>,
    ) -> Option<&str> {
        service.catalog_types().iter().find_map(|wanted| {
            self.0
                .iter()
                .filter(|entry| entry.service_type == *wanted)
                .flat_map(|entry| entry.endpoints.iter())
                .find(|ep| {
                    ep.interface == interface && region.is_none_or(|r| ep.region_name() == Some(r))
                })
                .map(|ep| ep.url.trim_end_matches('/'))
        })
    }

    /// Every region named in the catalog, sorted, without repeats.
    pub fn regions(&self) -> Vec<String> {
        let mut regions: Vec<String> = self
            .0
            .iter()
            .flat_map(|e| e.endpoints.iter())
            .filter_map(|ep| ep.region_name().map(str::to_string))
            .collect();
        regions.sort();
        regions.dedup();
        regions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded() -> Catalog {
        let body: serde_json::Value = serde_json::from_str(include_str!(
            "../../tests/fixtures/keystone_post_auth_tokens_password_scoped.json"
        ))
        .expect("fixture is JSON");
        serde_json::from_value(body["token"]["catalog"].clone()).expect("catalog parses")
    }

    fn two_regions() -> Catalog {
        serde_json::from_value(serde_json::json!([
            {"type": "compute", "name": "nova", "endpoints": [
                {"interface": "public", "region_id": "One", "region": "One", "url": "https://one/compute/v2.1/"},
                {"interface": "internal", "region_id": "One", "region": "One", "url": "http://10.0.0.1/compute/v2.1"},
                {"interface": "public", "region_id": "Two", "region": "Two", "url": "https://two/compute/v2.1"}
            ]},
            {"type": "volume", "name": "cinder-old", "endpoints": [
                {"interface": "public", "region_id": "One", "url": "https://one/volume/v1"}
            ]},
            {"type": "volumev3", "name": "cinderv3", "endpoints": [
                {"interface": "public", "region_id": "One", "url": "https://one/volume/v3/p1"}
            ]}
        ]))
        .unwrap()
    }

    #[test]
    fn picks_interface_and_region_and_trims_slash() {
        let c = two_regions();
        assert_eq!(
            c.endpoint(ServiceType::Compute, "public", Some("One")),
            Some("https://one/compute/v2.1")
        );
        assert_eq!(
            c.endpoint(ServiceType::Compute, "public", Some("Two")),
            Some("https://two/compute/v2.1")
        );
        assert_eq!(
            c.endpoint(ServiceType::Compute, "internal", Some("One")),
            Some("http://10.0.0.1/compute/v2.1")
        );
        assert_eq!(c.endpoint(ServiceType::Compute, "admin", None), None);
        assert_eq!(
            c.endpoint(ServiceType::Compute, "public", Some("Three")),
            None
        );
    }

    #[test]
    fn prefers_newer_block_storage_type() {
        let c = two_regions();
        assert_eq!(
            c.endpoint(ServiceType::BlockStorage, "public", Some("One")),
            Some("https://one/volume/v3/p1")
        );
    }

    #[test]
    fn missing_service_is_none() {
        assert_eq!(
            two_regions().endpoint(ServiceType::Network, "public", None),
            None
        );
    }

    #[test]
    fn lists_regions() {
        assert_eq!(two_regions().regions(), vec!["One", "Two"]);
    }

    #[test]
    fn recorded_catalog_has_every_service() {
        let c = recorded();
        for service in [
            ServiceType::Identity,
            ServiceType::Compute,
            ServiceType::Network,
            ServiceType::Image,
            ServiceType::BlockStorage,
        ] {
            let url = c
                .endpoint(service, "public", Some("RegionOne"))
                .unwrap_or_else(|| panic!("{service:?} in recorded catalog"));
            assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        }
        assert_eq!(c.regions(), vec!["RegionOne"]);
    }
}
