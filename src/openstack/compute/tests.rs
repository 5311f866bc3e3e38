//! Unit tests of the Nova client's parsing, against responses recorded from the test cloud
//! (`tests/fixtures/`).

use super::*;
use crate::fixtures::fixture;
use crate::openstack::auth::TokenBody;

/// The demo user's token, recorded in the same run: its user and project are the ones
/// that own the recorded servers and key pairs.
fn demo_token() -> TokenBody {
    serde_json::from_str(&fixture("keystone_post_auth_tokens_password_scoped.json")).unwrap()
}

fn recorded_servers() -> Vec<Server> {
    let body: ServersBody = serde_json::from_str(&fixture("nova_get_servers_detail.json")).unwrap();
    body.servers
}

#[test]
fn recorded_limits_become_the_overview_quotas() {
    let body: LimitsBody = serde_json::from_str(&fixture("nova_get_limits.json")).unwrap();
    let items = body.limits.absolute.quota_items();
    let shown: Vec<(&str, Option<i64>, &str)> = items
        .iter()
        .map(|i| (i.label.as_str(), i.limit, i.unit.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("Instances", Some(10), ""),
            ("VCPUs", Some(20), ""),
            ("RAM", Some(51200), "MB"),
            ("Server Groups", Some(10), "")
        ]
    );
    // What the project uses is what it has: its servers, each an m1.tiny.
    let servers = recorded_servers();
    let n = servers.len() as i64;
    assert!(n >= 1 && servers.iter().all(|s| s.flavor.original_name == "m1.tiny"));
    let used: Vec<i64> = items.iter().map(|i| i.used).collect();
    assert_eq!(used, [n, n, 512 * n, 0]);
}

/// The seed gives project `alt` its own compute quota.
#[test]
fn recorded_limits_of_another_project() {
    let body: LimitsBody = serde_json::from_str(&fixture("nova_get_limits_alt.json")).unwrap();
    let items = body.limits.absolute.quota_items();
    assert_eq!(
        (items[0].label.as_str(), items[0].limit),
        ("Instances", Some(5))
    );
    assert_eq!(
        (items[1].label.as_str(), items[1].limit),
        ("VCPUs", Some(8))
    );
}

#[test]
fn parses_recorded_servers() {
    let token = demo_token().token;
    let project = token.project.unwrap().id;
    let servers = recorded_servers();
    let vm = servers.iter().find(|s| s.name == "fixture-vm").unwrap();
    assert_eq!(
        (vm.status.as_str(), vm.power_state, vm.task_state.as_deref()),
        ("ACTIVE", 1, None)
    );
    assert_eq!(vm.tenant_id, project);
    assert_eq!(vm.flavor.original_name, "m1.tiny");
    assert_eq!(vm.key_name.as_deref(), Some("fixture-key"));
    assert_eq!(vm.availability_zone, "nova");
    assert!(!vm.locked);
    assert_eq!(vm.description, None);
    // Only admins see the host.
    assert_eq!(vm.host, None);
    let groups: Vec<&str> = vm.security_groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(groups, ["fixture-sg"]);
    // One fixed address on fixture-net (10.20.0.0/24).
    let fixed: Vec<&Address> = vm.addresses["fixture-net"]
        .iter()
        .filter(|a| a.kind.as_deref() == Some("fixed"))
        .collect();
    assert_eq!(fixed.len(), 1);
    assert!(fixed[0].addr.starts_with("10.20.0."), "{}", fixed[0].addr);
    assert!(vm.created < chrono::Utc::now());
}

#[test]
fn parses_one_recorded_server() {
    let body: ServerBody = serde_json::from_str(&fixture("nova_get_server.json")).unwrap();
    let vm = body.server;
    let listed = recorded_servers()
        .into_iter()
        .find(|s| s.name == "fixture-vm")
        .unwrap();
    assert_eq!(
        (vm.id.as_str(), vm.image_id()),
        (listed.id.as_str(), listed.image_id())
    );
    assert_eq!(vm.flavor.original_name, "m1.tiny");
    assert_eq!(vm.volumes_attached.len(), 1);
    let ips = |s: &Server| -> Vec<String> {
        s.addresses
            .values()
            .flatten()
            .map(|a| a.addr.clone())
            .collect()
    };
    assert_eq!(ips(&vm), ips(&listed));
}

#[test]
fn parses_recorded_flavors() {
    let body: FlavorsBody = serde_json::from_str(&fixture("nova_get_flavors_detail.json")).unwrap();
    let shape = |name: &str| {
        let f = body.flavors.iter().find(|f| f.name == name).unwrap();
        (
            f.vcpus,
            f.ram,
            f.disk,
            f.swap,
            f.ephemeral,
            f.rxtx_factor,
            f.is_public,
        )
    };
    assert_eq!(shape("m1.tiny"), (1, 512, 1, 0, 0, 1.0, true));
    assert_eq!(shape("m1.small"), (1, 2048, 20, 0, 0, 1.0, true));
    // The admin's private flavor is not the demo user's to see.
    assert!(body.flavors.iter().all(|f| f.name != "fixture-flavor"));
}

#[test]
fn parses_recorded_extra_specs() {
    let body: ExtraSpecsBody =
        serde_json::from_str(&fixture("nova_get_flavor_os_extra_specs.json")).unwrap();
    assert_eq!(
        body.extra_specs.into_iter().collect::<Vec<_>>(),
        [
            ("hw:cpu_policy".to_string(), "dedicated".to_string()),
            ("hw:mem_page_size".to_string(), "large".to_string())
        ]
    );
}

#[test]
fn parses_recorded_keypairs() {
    let body: KeypairsBody = serde_json::from_str(&fixture("nova_get_os_keypairs.json")).unwrap();
    let k = &body
        .keypairs
        .iter()
        .find(|k| k.keypair.name == "fixture-key")
        .unwrap()
        .keypair;
    assert_eq!(k.key_type, "ssh");
    assert!(
        k.public_key.starts_with("ssh-ed25519 ") && k.public_key.ends_with(" fixture"),
        "{}",
        k.public_key
    );
    assert_eq!(k.fingerprint.split(':').count(), 16, "{}", k.fingerprint);
    // The list leaves out the owner, the creation time and (always) the private key.
    assert_eq!(
        (&k.user_id, &k.created_at, &k.private_key),
        (&None, &None, &None)
    );
}

#[test]
fn parses_one_recorded_keypair() {
    let body: KeypairWrapper = serde_json::from_str(&fixture("nova_get_os_keypair.json")).unwrap();
    let k = body.keypair;
    let listed: KeypairsBody = serde_json::from_str(&fixture("nova_get_os_keypairs.json")).unwrap();
    let listed = &listed
        .keypairs
        .iter()
        .find(|l| l.keypair.name == k.name)
        .unwrap()
        .keypair;
    assert_eq!(
        (
            k.name.as_str(),
            k.key_type.as_str(),
            &k.fingerprint,
            &k.public_key
        ),
        (
            "fixture-key",
            "ssh",
            &listed.fingerprint,
            &listed.public_key
        )
    );
    assert_eq!(k.user_id, Some(demo_token().token.user.id));
    let created = k.created_at.as_deref().unwrap();
    let created = crate::model::keypair::parse_nova_time(created).unwrap();
    assert!(created < chrono::Utc::now());
    assert_eq!(k.private_key, None);
}

#[test]
fn parses_recorded_hypervisors() {
    let body: HypervisorsBody =
        serde_json::from_str(&fixture("nova_get_os_hypervisors_detail.json")).unwrap();
    let [h] = &body.hypervisors[..] else {
        panic!("one hypervisor: {:?}", body.hypervisors)
    };
    assert_eq!(
        (
            h.hypervisor_hostname.as_str(),
            h.hypervisor_type.as_str(),
            h.state.as_str(),
            h.status.as_str()
        ),
        ("meridian-testcloud", "fake", "up", "enabled")
    );
    // At 2.79 Nova still says what the hypervisor has (the fake driver's figures) and
    // what is used of it: at least fixture-vm (1 vCPU, 512 MB, 1 GB), besides the
    // memory the host keeps for itself.
    assert_eq!((h.vcpus, h.memory_mb, h.local_gb), (1000, 800_000, 600_000));
    assert!(h.running_vms >= 1, "{h:?}");
    assert!(
        h.vcpus_used >= 1 && h.memory_mb_used >= 512 + 512 && h.local_gb_used >= 1,
        "{h:?}"
    );
}

#[test]
fn parses_recorded_server_groups() {
    use super::server_groups::ServerGroupsBody;
    let body: ServerGroupsBody =
        serde_json::from_str(&fixture("nova_get_os_server_groups.json")).unwrap();
    let g = body
        .server_groups
        .iter()
        .find(|g| g.name == "fixture-group")
        .unwrap();
    // One policy at this microversion (2.64 and later), and fixture-vm booted into it.
    assert_eq!(g.policy, "anti-affinity");
    assert_eq!(g.members.len(), 1);
    assert!(!g.project_id.is_empty());
}
