"""Record real OpenStack responses from the running test cloud as test fixtures.

Run through ``end2end/testcloud/record-fixtures [OUT_DIR]`` (default ``<repo>/tests/fixtures``).
Each call's response body is written to ``<name>.json`` (pretty-printed) or, for a body
that is not JSON, ``<name>.txt`` plus ``<name>.meta`` with its status and content type.
``index.json`` lists every call: method, path template, who made it, status, content type
and microversion.

Nova and Cinder are asked at exactly the microversions Meridian sends, read from its client
(``COMPUTE_MICROVERSION`` and ``VOLUME_MICROVERSION`` in ``src/openstack/client.rs``): the
fields of an answer depend on the microversion, and the unit tests must see what Meridian
sees. A unit test (``src/fixtures.rs``) checks the index against the same constants.

No secret is written: tokens travel in headers that are never saved, and every fixture is
checked to contain none of the tokens obtained during the run. The one body that does
carry a token, Nova's remote-console URL, gets a fixed placeholder UUID instead
(recorded as ``redacted`` in the index).

The script creates its own resources as ``demo`` (names start with ``fixture-``) so lists
are not empty, and deletes them at the end, also when something fails.
"""
import datetime
import json
import os
import re
import sys
import time
import uuid

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

KEYSTONE = "http://127.0.0.1:5000/v3"
CONSOLE_TOKEN_PLACEHOLDER = "00000000-0000-4000-8000-000000000000"
TIMEOUT = 60

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1
                      else os.path.join(REPO, "tests", "fixtures"))


def meridian_microversion(constant):
    """The microversion Meridian's client sends (``pub const NAME: &str = "x.y";``)."""
    path = os.path.join(REPO, "src", "openstack", "client.rs")
    with open(path) as f:
        found = re.search(r'pub const %s: &str = "([0-9]+\.[0-9]+)";' % constant, f.read())
    if not found:
        raise SystemExit("%s: no %s" % (path, constant))
    return found.group(1)


COMPUTE_MV = "compute " + meridian_microversion("COMPUTE_MICROVERSION")
VOLUME_MV = "volume " + meridian_microversion("VOLUME_MICROVERSION")

http = requests.Session()
SECRETS = set()          # every token seen; none may appear in a fixture
INDEX = {}


def log(msg):
    print("%s record-fixtures: %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr,
          flush=True)


# --- Keystone ---------------------------------------------------------------------------

def password_auth(user, password, project=None):
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": user, "domain": {"name": "Default"}, "password": password}}}}}
    if project:
        body["auth"]["scope"] = {"project": {"name": project, "domain": {"name": "Default"}}}
    return body


class Token:
    def __init__(self, value, body):
        self.value = value
        self.body = body
        SECRETS.add(value)

    @property
    def project_id(self):
        return self.body["token"]["project"]["id"]

    def endpoint(self, service_type):
        for svc in self.body["token"]["catalog"]:
            if svc["type"] == service_type:
                for ep in svc["endpoints"]:
                    if ep["interface"] == "public" and ep["region_id"] == "RegionOne":
                        return ep["url"].rstrip("/")
        raise KeyError(service_type)


def get_token(user, password, project=None):
    r = http.post(KEYSTONE + "/auth/tokens", json=password_auth(user, password, project),
                  timeout=TIMEOUT)
    r.raise_for_status()
    return Token(r.headers["X-Subject-Token"], r.json())


# --- Recording ---------------------------------------------------------------------------

def call(method, url, token=None, body=None, microversion=None, expect=None,
         accept="application/json"):
    headers = {"Accept": accept} if accept else {}
    if token is not None:
        headers["X-Auth-Token"] = token.value
    if microversion:
        headers["OpenStack-API-Version"] = microversion
    r = http.request(method, url, headers=headers, json=body, timeout=TIMEOUT)
    if expect is not None and r.status_code != expect:
        raise SystemExit("%s %s: expected %s, got %s: %s"
                         % (method, url, expect, r.status_code, r.text[:500]))
    if "X-Subject-Token" in r.headers:
        SECRETS.add(r.headers["X-Subject-Token"])
    return r


def record(name, method, url, path, who, token=None, body=None, microversion=None,
           expect=200, redact=None, accept="application/json"):
    """Make a call and save its response body as fixture NAME.

    path: the path template for the index (ids as {placeholders}); who: the caller.
    redact: a function returning {secret: placeholder} for a body that carries a token.
    """
    r = call(method, url, token, body, microversion, expect, accept)
    redact = redact(r) if redact else {}
    SECRETS.update(redact)
    ctype = r.headers.get("Content-Type", "")
    entry = {"method": method, "path": path, "as": who, "status": r.status_code,
             "content_type": ctype, "accept": accept}
    if microversion:
        entry["microversion"] = microversion
    text = r.text
    for secret, placeholder in redact.items():
        if secret in text:
            text = text.replace(secret, placeholder)
            entry["redacted"] = "token replaced by %s" % placeholder
    if ctype.startswith("application/json"):
        data = json.loads(text)
        filename = name + ".json"
        content = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        data = None
        filename = name + ".txt"
        content = text
        meta = {"status": r.status_code, "content_type": ctype}
        with open(os.path.join(OUT, name + ".meta"), "w") as f:
            f.write(json.dumps(meta, indent=2) + "\n")
    with open(os.path.join(OUT, filename), "w") as f:
        f.write(content)
    entry["file"] = filename
    INDEX[name] = entry
    log("%-52s %s %s" % (filename, r.status_code, path))
    return data if data is not None else r


def wait_for(what, check, timeout=180):
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for " + what)
        time.sleep(1)


def ssh_public_key():
    key = ed25519.Ed25519PrivateKey.generate().public_key()
    return key.public_bytes(serialization.Encoding.OpenSSH,
                            serialization.PublicFormat.OpenSSH).decode() + " fixture"


# --- The recording run ---------------------------------------------------------------------

def main():
    os.makedirs(OUT, exist_ok=True)
    demo = get_token("demo", "demo", "demo")
    admin = get_token("admin", "admin", "admin")
    reader = get_token("reader", "reader", "demo")
    alt = get_token("demo", "demo", "alt")
    pid = demo.project_id
    nova = demo.endpoint("compute")
    neutron = demo.endpoint("network") + "/v2.0"
    glance = demo.endpoint("image") + "/v2"
    cinder = demo.endpoint("block-storage")
    created = {}
    try:
        record_keystone(demo)
        create_resources(demo, admin, created, nova, neutron, glance, cinder)
        record_compute(demo, admin, reader, alt, nova, created)
        record_network(demo, reader, neutron, pid, created)
        record_image(demo, glance, created)
        record_volume(demo, reader, cinder, pid)
        record_quotas(admin, pid)
        record_placement(admin)
    finally:
        cleanup(demo, admin, created, nova, neutron, cinder)
    with open(os.path.join(OUT, "index.json"), "w") as f:
        f.write(json.dumps(INDEX, indent=2, sort_keys=True) + "\n")
    remove_stale()
    check_no_secrets()
    log("%d fixtures in %s" % (len(INDEX), OUT))


def record_keystone(demo):
    ks = KEYSTONE
    record("keystone_post_auth_tokens_password_scoped", "POST", ks + "/auth/tokens",
           "/v3/auth/tokens", "demo (scoped to demo)",
           body=password_auth("demo", "demo", "demo"), expect=201)
    record("keystone_post_auth_tokens_password_unscoped", "POST", ks + "/auth/tokens",
           "/v3/auth/tokens", "demo (no scope asked: Keystone scopes to the default project)",
           body=password_auth("demo", "demo"), expect=201)
    record("keystone_post_auth_tokens_401", "POST", ks + "/auth/tokens", "/v3/auth/tokens",
           "demo with a wrong password", body=password_auth("demo", "wrong", "demo"),
           expect=401)
    unscoped = Token(call("POST", ks + "/auth/tokens", body=password_auth("demo", "demo"),
                          expect=201).headers["X-Subject-Token"], None)
    record("keystone_get_auth_projects", "GET", ks + "/auth/projects", "/v3/auth/projects",
           "demo (unscoped token)", token=unscoped)
    rescope = {"auth": {"identity": {"methods": ["token"], "token": {"id": unscoped.value}},
                        "scope": {"project": {"name": "alt", "domain": {"name": "Default"}}}}}
    record("keystone_post_auth_tokens_token_rescoped", "POST", ks + "/auth/tokens",
           "/v3/auth/tokens", "demo (token method, rescoped to alt)", body=rescope,
           expect=201)
    admin = get_token("admin", "admin", "admin")
    record("keystone_get_projects", "GET", ks + "/projects", "/v3/projects",
           "admin", token=admin)
    record("keystone_get_users", "GET", ks + "/users", "/v3/users", "admin", token=admin)
    record("keystone_get_roles", "GET", ks + "/roles", "/v3/roles", "admin", token=admin)
    record("keystone_get_role_assignments", "GET",
           ks + "/role_assignments?include_names=true",
           "/v3/role_assignments?include_names=true", "admin", token=admin)
    record("keystone_get_projects_403", "GET", ks + "/projects", "/v3/projects",
           "demo (member, not admin)", token=demo, expect=403)
    record_keystone_groups(admin, demo.project_id)


def record_keystone_groups(admin, pid):
    """Groups (one with a user in it and a role in demo's project) and a disabled user.

    The group's user is one of the script's own: Keystone revokes the tokens of a group's
    users when its role assignments go, and demo's are still needed."""
    ks = KEYSTONE
    group = call("POST", ks + "/groups", admin, {"group": {
        "name": "fixture-group", "description": "fixture", "domain_id": "default"}},
        expect=201).json()["group"]
    users = [call("POST", ks + "/users", admin, {"user": {
        "name": name, "password": name, "enabled": enabled, "domain_id": "default"}},
        expect=201).json()["user"] for name, enabled in
        (("fixture-member", True), ("fixture-disabled", False))]
    try:
        member_id = users[0]["id"]
        reader = call("GET", ks + "/roles?name=reader", admin, expect=200).json()["roles"][0]["id"]
        call("PUT", ks + "/groups/%s/users/%s" % (group["id"], member_id), admin, expect=204)
        call("PUT", ks + "/projects/%s/groups/%s/roles/%s" % (pid, group["id"], reader), admin,
             expect=204)
        record("keystone_get_groups", "GET", ks + "/groups", "/v3/groups", "admin", token=admin)
        record("keystone_get_groups_users", "GET", ks + "/groups/%s/users" % group["id"],
               "/v3/groups/{group_id}/users", "admin", token=admin)
        record("keystone_get_role_assignments_project", "GET",
               ks + "/role_assignments?scope.project.id=" + pid,
               "/v3/role_assignments?scope.project.id={project_id}", "admin", token=admin)
        record("keystone_get_domains_name", "GET", ks + "/domains?name=Default",
               "/v3/domains?name=Default", "admin", token=admin)
        record("keystone_get_users_name_disabled", "GET",
               ks + "/users?name=fixture-disabled&domain_id=default",
               "/v3/users?name={name}&domain_id={domain_id}", "admin", token=admin)
    finally:
        call("DELETE", ks + "/groups/" + group["id"], admin)
        for user in users:
            call("DELETE", ks + "/users/" + user["id"], admin)


def record_quotas(admin, pid):
    """Another project's quotas, as an admin reads them (Identity › Projects › Modify Quotas):
    the target project in the path, on the admin's own endpoints."""
    record("nova_get_os_quota_sets", "GET",
           admin.endpoint("compute") + "/os-quota-sets/" + pid,
           "/os-quota-sets/{project_id}", "admin", token=admin, microversion=COMPUTE_MV)
    record("neutron_get_quotas", "GET",
           admin.endpoint("network") + "/v2.0/quotas/" + pid,
           "/v2.0/quotas/{project_id}", "admin", token=admin)
    record("cinder_get_os_quota_sets", "GET",
           admin.endpoint("block-storage") + "/os-quota-sets/" + pid,
           "/os-quota-sets/{project_id}", "admin", token=admin, microversion=VOLUME_MV)


def record_placement(admin):
    """Placement words its faults as an `errors` list, unlike every other service."""
    record("placement_get_resource_provider_404", "GET",
           admin.endpoint("placement") + "/resource_providers/" + str(uuid.uuid4()),
           "/resource_providers/{unknown_id}", "admin", token=admin, expect=404)


def create_resources(demo, admin, created, nova, neutron, glance, cinder):
    log("creating fixture-* resources")
    net = call("POST", neutron + "/networks", demo,
               {"network": {"name": "fixture-net"}}, expect=201).json()["network"]
    created["network"] = net["id"]
    sub = call("POST", neutron + "/subnets", demo,
               {"subnet": {"name": "fixture-subnet", "network_id": net["id"],
                           "ip_version": 4, "cidr": "10.20.0.0/24"}},
               expect=201).json()["subnet"]
    created["subnet"] = sub["id"]
    ext = call("GET", neutron + "/networks?name=ext-net", demo,
               expect=200).json()["networks"][0]
    router = call("POST", neutron + "/routers", demo,
                  {"router": {"name": "fixture-router",
                              "external_gateway_info": {"network_id": ext["id"]}}},
                  expect=201).json()["router"]
    created["router"] = router["id"]
    call("PUT", neutron + "/routers/%s/add_router_interface" % router["id"], demo,
         {"subnet_id": sub["id"]}, expect=200)
    created["router_interface"] = sub["id"]
    # A static route through the interface, added as Meridian adds them.
    call("PUT", neutron + "/routers/%s/add_extraroutes" % router["id"], demo,
         {"router": {"routes": [{"destination": "10.30.0.0/24", "nexthop": "10.20.0.5"}]}},
         expect=200)
    created["router_routes"] = router["id"]
    # And a router without a gateway: `external_gateway_info` is null then.
    created["router_private"] = call(
        "POST", neutron + "/routers", demo, {"router": {"name": "fixture-router-private"}},
        expect=201).json()["router"]["id"]
    sg = call("POST", neutron + "/security-groups", demo,
              {"security_group": {"name": "fixture-sg", "description": "fixture"}},
              expect=201).json()["security_group"]
    created["security_group"] = sg["id"]
    call("POST", neutron + "/security-group-rules", demo,
         {"security_group_rule": {"security_group_id": sg["id"], "direction": "ingress",
                                  "protocol": "tcp", "port_range_min": 22,
                                  "port_range_max": 22, "ethertype": "IPv4",
                                  "remote_ip_prefix": "0.0.0.0/0"}}, expect=201)
    call("POST", nova + "/os-keypairs", demo,
         {"keypair": {"name": "fixture-key", "public_key": ssh_public_key()}},
         microversion=COMPUTE_MV, expect=201)
    created["keypair"] = "fixture-key"
    # A private flavor with extra specs (an admin's), for the extra specs form.
    created["flavor"] = call(
        "POST", nova + "/flavors", admin,
        {"flavor": {"name": "fixture-flavor", "vcpus": 1, "ram": 256, "disk": 1,
                    "os-flavor-access:is_public": False}},
        microversion=COMPUTE_MV, expect=200).json()["flavor"]["id"]
    call("POST", nova + "/flavors/%s/os-extra_specs" % created["flavor"], admin,
         {"extra_specs": {"hw:cpu_policy": "dedicated", "hw:mem_page_size": "large"}},
         microversion=COMPUTE_MV, expect=200)

    flavor = [f for f in call("GET", nova + "/flavors", demo, microversion=COMPUTE_MV,
                              expect=200).json()["flavors"] if f["name"] == "m1.tiny"][0]
    image = call("GET", glance + "/images?name=tiny", demo, expect=200).json()["images"][0]
    # The VM boots into a server group, so the group's fixture has a member.
    created["server_group"] = call(
        "POST", nova + "/os-server-groups", demo,
        {"server_group": {"name": "fixture-group", "policy": "anti-affinity"}},
        microversion=COMPUTE_MV, expect=200).json()["server_group"]["id"]
    server = call("POST", nova + "/servers", demo,
                  {"server": {"name": "fixture-vm", "flavorRef": flavor["id"],
                              "imageRef": image["id"], "key_name": "fixture-key",
                              "networks": [{"uuid": net["id"]}],
                              "security_groups": [{"name": "fixture-sg"}]},
                   "os:scheduler_hints": {"group": created["server_group"]}},
                  microversion=COMPUTE_MV, expect=202).json()["server"]
    created["server"] = server["id"]
    created["image"] = image["id"]
    vol = call("POST", cinder + "/volumes", demo,
               {"volume": {"name": "fixture-vol", "size": 1}}, microversion=VOLUME_MV,
               expect=202).json()["volume"]
    created["volume"] = vol["id"]
    wait_for("fixture-vm ACTIVE", lambda: call(
        "GET", nova + "/servers/" + server["id"], demo, microversion=COMPUTE_MV,
        expect=200).json()["server"]["status"] == "ACTIVE")
    wait_for("fixture-vol available", lambda: volume_status(demo, cinder, vol["id"]) == "available")
    call("POST", nova + "/servers/%s/os-volume_attachments" % server["id"], demo,
         {"volumeAttachment": {"volumeId": vol["id"]}}, microversion=COMPUTE_MV, expect=200)
    wait_for("fixture-vol in-use", lambda: volume_status(demo, cinder, vol["id"]) == "in-use")
    port = call("GET", neutron + "/ports?device_id=" + server["id"], demo,
                expect=200).json()["ports"][0]
    fip = call("POST", neutron + "/floatingips", demo,
               {"floatingip": {"floating_network_id": ext["id"], "port_id": port["id"]}},
               expect=201).json()["floatingip"]
    created["floatingip"] = fip["id"]


def volume_status(token, cinder, volume_id):
    return call("GET", cinder + "/volumes/" + volume_id, token, microversion=VOLUME_MV,
                expect=200).json()["volume"]["status"]


def record_compute(demo, admin, reader, alt, nova, created):
    sid = created["server"]
    mv = COMPUTE_MV
    record("nova_get_limits", "GET", nova + "/limits", "/v2.1/limits", "demo", demo,
           microversion=mv)
    record("nova_get_limits_alt", "GET", nova + "/limits", "/v2.1/limits",
           "demo (scoped to alt: instances 5, cores 8)", alt, microversion=mv)
    record("nova_get_servers_detail", "GET", nova + "/servers/detail",
           "/v2.1/servers/detail", "demo", demo, microversion=mv)
    record("nova_get_server", "GET", nova + "/servers/" + sid, "/v2.1/servers/{server_id}",
           "demo", demo, microversion=mv)
    record("nova_get_flavors_detail", "GET", nova + "/flavors/detail",
           "/v2.1/flavors/detail", "demo", demo, microversion=mv)
    record("nova_get_flavor_os_extra_specs", "GET",
           nova + "/flavors/%s/os-extra_specs" % created["flavor"],
           "/v2.1/flavors/{flavor_id}/os-extra_specs", "admin (fixture-flavor)", admin,
           microversion=mv)
    record("nova_get_os_keypairs", "GET", nova + "/os-keypairs", "/v2.1/os-keypairs",
           "demo", demo, microversion=mv)
    record("nova_get_os_keypair", "GET", nova + "/os-keypairs/fixture-key",
           "/v2.1/os-keypairs/{keypair_name}", "demo", demo, microversion=mv)
    record("nova_get_os_server_groups", "GET", nova + "/os-server-groups",
           "/v2.1/os-server-groups", "demo", demo, microversion=mv)
    console = {"remote_console": {"protocol": "vnc", "type": "novnc"}}
    record("nova_post_remote_consoles", "POST",
           nova + "/servers/%s/remote-consoles" % sid,
           "/v2.1/servers/{server_id}/remote-consoles", "demo", demo, body=console,
           microversion=mv, redact=console_token_placeholder)
    # A second console for the token lookups (the recorded one's token is not kept).
    url = call("POST", nova + "/servers/%s/remote-consoles" % sid, demo, console,
               microversion=mv, expect=200).json()["remote_console"]["url"]
    console_token = url.rsplit("%3D", 1)[1]
    SECRETS.add(console_token)
    record("nova_get_os_console_auth_tokens", "GET",
           nova + "/os-console-auth-tokens/" + console_token,
           "/v2.1/os-console-auth-tokens/{console_token}", "admin", admin, microversion=mv)
    record("nova_get_os_console_auth_tokens_403", "GET",
           nova + "/os-console-auth-tokens/" + console_token,
           "/v2.1/os-console-auth-tokens/{console_token}", "demo (member)", demo,
           microversion=mv, expect=403)
    # The usage of the last hour: fixture-vm, booted a moment ago. Asked as Meridian asks.
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    usage = "/os-simple-tenant-usage/%s?start=%s&end=%s&limit=1000"
    record("nova_get_os_simple_tenant_usage_project", "GET",
           nova + usage % (demo.project_id, (now - datetime.timedelta(hours=1)).isoformat(),
                           now.isoformat()),
           "/v2.1/os-simple-tenant-usage/{project_id}?start=...&end=...&limit=1000", "demo",
           demo, microversion=mv)
    # A day long before the project existed: no usage at all.
    record("nova_get_os_simple_tenant_usage_project_empty", "GET",
           nova + usage % (demo.project_id, "2000-01-01T00:00:00", "2000-01-02T00:00:00"),
           "/v2.1/os-simple-tenant-usage/{project_id}?start=2000-01-01...&end=2000-01-02..."
           "&limit=1000", "demo", demo, microversion=mv)
    record("nova_get_os_hypervisors_detail", "GET", nova + "/os-hypervisors/detail",
           "/v2.1/os-hypervisors/detail", "admin", admin, microversion=mv)
    record("nova_get_server_404", "GET", nova + "/servers/" + str(uuid.uuid4()),
           "/v2.1/servers/{unknown_id}", "demo", demo, microversion=mv, expect=404)
    record("nova_post_servers_400", "POST", nova + "/servers", "/v2.1/servers",
           "demo (no name, flavorRef not a flavor)", demo,
           body={"server": {"flavorRef": "no-such-flavor", "imageRef": created["image"],
                            "networks": "none"}},
           microversion=mv, expect=400)
    record("nova_post_servers_403_reader", "POST", nova + "/servers", "/v2.1/servers",
           "reader (role reader only)", reader,
           body={"server": {"name": "fixture-reader-vm", "flavorRef": "1",
                            "imageRef": created["image"], "networks": "none"}},
           microversion=mv, expect=403)


def console_token_placeholder(response):
    """The console URL carries its token URL-encoded in `path`: `...%3Ftoken%3D<token>`."""
    url = response.json()["remote_console"]["url"]
    return {url.rsplit("%3D", 1)[1]: CONSOLE_TOKEN_PLACEHOLDER}


def record_network(demo, reader, neutron, pid, created):
    p = "/v2.0"
    record("neutron_get_quotas_details", "GET", neutron + "/quotas/%s/details" % pid,
           p + "/quotas/{project_id}/details", "demo", demo)
    for what in ("networks", "subnets", "routers", "ports", "security-groups",
                 "floatingips"):
        record("neutron_get_" + what.replace("-", "_"), "GET", neutron + "/" + what,
               p + "/" + what, "demo", demo)
    record("neutron_get_network_404", "GET", neutron + "/networks/" + str(uuid.uuid4()),
           p + "/networks/{unknown_id}", "demo", demo, expect=404)
    record("neutron_post_subnet_400", "POST", neutron + "/subnets", p + "/subnets",
           "demo (bad CIDR)", demo,
           body={"subnet": {"name": "fixture-bad", "network_id": created["network"],
                            "ip_version": 4, "cidr": "10.20.300.0/24"}}, expect=400)
    record("neutron_post_networks_403_reader", "POST", neutron + "/networks",
           p + "/networks", "reader (role reader only)", reader,
           body={"network": {"name": "fixture-reader-net"}}, expect=403)


def record_image(demo, glance, created):
    record("glance_get_images", "GET", glance + "/images", "/v2/images", "demo", demo)
    record("glance_get_image", "GET", glance + "/images/" + created["image"],
           "/v2/images/{image_id}", "demo", demo)
    # Glance's faults follow the Accept header: plain HTML-ish text without one.
    record("glance_get_image_404", "GET", glance + "/images/" + str(uuid.uuid4()),
           "/v2/images/{unknown_id}", "demo (no Accept header)", demo, expect=404,
           accept=None)
    record("glance_get_image_404_accept_json", "GET",
           glance + "/images/" + str(uuid.uuid4()), "/v2/images/{unknown_id}",
           "demo (Accept: application/json)", demo, expect=404)


def record_volume(demo, reader, cinder, pid):
    p = "/v3/{project_id}"
    base = cinder + "/" + pid
    mv = VOLUME_MV
    record("cinder_get_limits", "GET", base + "/limits", p + "/limits", "demo", demo,
           microversion=mv)
    record("cinder_get_volumes_detail", "GET", base + "/volumes/detail",
           p + "/volumes/detail", "demo", demo, microversion=mv)
    record("cinder_get_volume_404", "GET", base + "/volumes/" + str(uuid.uuid4()),
           p + "/volumes/{unknown_id}", "demo", demo, microversion=mv, expect=404)
    record("cinder_post_volumes_403_reader", "POST", base + "/volumes", p + "/volumes",
           "reader (role reader only)", reader,
           body={"volume": {"name": "fixture-reader-vol", "size": 1}}, microversion=mv,
           expect=403)


def cleanup(demo, admin, created, nova, neutron, cinder):
    log("deleting fixture-* resources")

    def quiet(method, url, body=None, microversion=None, token=demo):
        try:
            call(method, url, token, body, microversion)
        except requests.RequestException as e:
            log("cleanup: %s %s: %s" % (method, url, e))

    if "floatingip" in created:
        quiet("DELETE", neutron + "/floatingips/" + created["floatingip"])
    if "server" in created:
        sid = created["server"]
        if "volume" in created:
            quiet("DELETE", nova + "/servers/%s/os-volume_attachments/%s"
                  % (sid, created["volume"]), microversion=COMPUTE_MV)
        quiet("DELETE", nova + "/servers/" + sid, microversion=COMPUTE_MV)
        wait_for("fixture-vm deleted", lambda: call(
            "GET", nova + "/servers/" + sid, demo, microversion=COMPUTE_MV).status_code == 404)
    if "volume" in created:
        vid = created["volume"]
        # Deleting the server detaches the volume; delete it once it is available.
        wait_for("fixture-vol deleted", lambda: call(
            "DELETE", cinder + "/volumes/" + vid, demo,
            microversion=VOLUME_MV).status_code in (202, 404), timeout=120)
    if "keypair" in created:
        quiet("DELETE", nova + "/os-keypairs/" + created["keypair"], microversion=COMPUTE_MV)
    if "server_group" in created:
        quiet("DELETE", nova + "/os-server-groups/" + created["server_group"],
              microversion=COMPUTE_MV)
    if "flavor" in created:
        quiet("DELETE", nova + "/flavors/" + created["flavor"], microversion=COMPUTE_MV,
              token=admin)
    # Neutron keeps an interface a static route goes through: the routes go first.
    if "router_routes" in created:
        quiet("PUT", neutron + "/routers/" + created["router_routes"],
              {"router": {"routes": []}})
    if "router_interface" in created:
        quiet("PUT", neutron + "/routers/%s/remove_router_interface" % created["router"],
              {"subnet_id": created["router_interface"]})
    for router in ("router", "router_private"):
        if router in created:
            quiet("DELETE", neutron + "/routers/" + created[router])
    if "security_group" in created:
        quiet("DELETE", neutron + "/security-groups/" + created["security_group"])
    if "network" in created:
        quiet("DELETE", neutron + "/networks/" + created["network"])


def remove_stale():
    """Removes the fixtures of calls no longer recorded, so that none outlives its call."""
    kept = {e["file"] for e in INDEX.values()}
    kept |= {f[:-len(".txt")] + ".meta" for f in kept if f.endswith(".txt")}
    for name in sorted(os.listdir(OUT)):
        if name.endswith((".json", ".txt", ".meta")) and name != "index.json" \
                and name not in kept:
            os.remove(os.path.join(OUT, name))
            log("removed %s: no longer recorded" % name)


def check_no_secrets():
    leaks = []
    for name in sorted(os.listdir(OUT)):
        with open(os.path.join(OUT, name), errors="replace") as f:
            text = f.read()
        leaks += [name for s in SECRETS if s and s in text]
    if leaks:
        raise SystemExit("token found in fixtures: %s" % ", ".join(sorted(set(leaks))))
    log("checked: none of the %d tokens obtained appears in a fixture" % len(SECRETS))


if __name__ == "__main__":
    main()
