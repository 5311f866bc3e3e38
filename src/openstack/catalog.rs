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
    use crate::fixtures::fixture;
    use serde_json::Value;

    /// The recorded login's token, scoped to project demo.
    fn recorded_token() -> Value {
        let body: Value =
            serde_json::from_str(&fixture("keystone_post_auth_tokens_password_scoped.json"))
                .expect("fixture is JSON");
        body["token"].clone()
    }

    /// Its catalog: one region, the same URL on every interface.
    fn recorded_json() -> Value {
        recorded_token()["catalog"].clone()
    }

    fn recorded() -> Catalog {
        serde_json::from_value(recorded_json()).expect("catalog parses")
    }

    /// The recorded catalog grown to two regions, each interface with its own URL (ending
    /// in a slash, as some clouds write them): what a larger cloud's catalog looks like.
    fn two_regions() -> Catalog {
        let mut catalog = recorded_json();
        for service in catalog.as_array_mut().unwrap() {
            let kind = service["type"].as_str().unwrap().to_string();
            let recorded = service["endpoints"].as_array().unwrap().clone();
            let mut endpoints = vec![];
            for region in ["RegionOne", "RegionTwo"] {
                for mut e in recorded.clone() {
                    let interface = e["interface"].as_str().unwrap().to_string();
                    e["region"] = region.into();
                    e["region_id"] = region.into();
                    e["url"] = format!("https://{interface}.{region}.example/{kind}/").into();
                    endpoints.push(e);
                }
            }
            service["endpoints"] = endpoints.into();
        }
        serde_json::from_value(catalog).unwrap()
    }

    #[test]
    fn picks_interface_and_region_and_trims_slash() {
        let c = two_regions();
        assert_eq!(
            c.endpoint(ServiceType::Compute, "public", Some("RegionOne")),
            Some("https://public.RegionOne.example/compute")
        );
        assert_eq!(
            c.endpoint(ServiceType::Compute, "public", Some("RegionTwo")),
            Some("https://public.RegionTwo.example/compute")
        );
        assert_eq!(
            c.endpoint(ServiceType::Compute, "internal", Some("RegionTwo")),
            Some("https://internal.RegionTwo.example/compute")
        );
        assert_eq!(c.endpoint(ServiceType::Compute, "private", None), None);
        assert_eq!(
            c.endpoint(ServiceType::Compute, "public", Some("RegionThree")),
            None
        );
    }

    /// Cinder is in the recorded catalog twice: `block-storage` (no project in the URL) is
    /// preferred; `volumev3` serves a cloud without it.
    #[test]
    fn prefers_newer_block_storage_type() {
        let c = recorded();
        let url = c
            .endpoint(ServiceType::BlockStorage, "public", Some("RegionOne"))
            .unwrap();
        assert!(url.ends_with(":8776/v3"), "{url}");
        let older = Catalog(
            c.0.into_iter()
                .filter(|e| e.service_type != "block-storage")
                .collect(),
        );
        let url = older
            .endpoint(ServiceType::BlockStorage, "public", Some("RegionOne"))
            .unwrap();
        let project = recorded_token()["project"]["id"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(url.ends_with(&format!(":8776/v3/{project}")), "{url}");
    }

    #[test]
    fn missing_service_is_none() {
        let without_network = Catalog(
            recorded()
                .0
                .into_iter()
                .filter(|e| e.service_type != "network")
                .collect(),
        );
        assert_eq!(
            without_network.endpoint(ServiceType::Network, "public", None),
            None
        );
    }

    #[test]
    fn lists_regions() {
        assert_eq!(two_regions().regions(), vec!["RegionOne", "RegionTwo"]);
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
