"""Seed Meridian's test cloud (run by `up` with the test cloud's venv python).

    seed.py identity  - projects, users, roles, service users, catalog; writes clouds.yaml
    seed.py resources - registers the compute host, then flavors, image, external network,
                        quotas
    seed.py ready     - waits until nova-compute and cinder-volume report up (after a start)

Every step finds before it creates, so running it again changes nothing.
"""
import os
import subprocess
import sys
import time

import openstack
from keystoneauth1 import exceptions as ks_exc

STATE = os.environ["MERIDIAN_TESTCLOUD_STATE"]
ETC = os.path.join(STATE, "etc")
VENV = os.environ["MERIDIAN_TESTCLOUD_VENV"]
SERVICE_PASSWORD = os.environ["MERIDIAN_TESTCLOUD_SERVICE_PASSWORD"]
HOST = "127.0.0.1"
AUTH_URL = "http://%s:5000/v3" % HOST
REGION = "RegionOne"

# type -> (service name, URL). Keystone's own entry comes from `keystone-manage bootstrap`.
CATALOG = {
    "image": ("glance", "http://%s:9292" % HOST),
    "placement": ("placement", "http://%s:8778" % HOST),
    "compute": ("nova", "http://%s:8774/v2.1" % HOST),
    "network": ("neutron", "http://%s:9696" % HOST),
    # Current clients use block-storage without a project id in the path (3.67+);
    # volumev3 keeps the classic templated URL for clients that still expect it.
    "block-storage": ("cinder", "http://%s:8776/v3" % HOST),
    "volumev3": ("cinderv3", "http://%s:8776/v3/$(project_id)s" % HOST),
}
SERVICE_USERS = ["glance", "placement", "nova", "neutron", "cinder"]

CLOUDS = {
    "meridian-admin": ("admin", "admin", "admin"),
    "meridian-demo": ("demo", "demo", "demo"),
    "meridian-reader": ("reader", "reader", "demo"),
}


def log(msg):
    print("%s seed: %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr, flush=True)


def connect(user="admin", password="admin", project="admin"):
    return openstack.connect(
        auth_type="password",
        auth=dict(auth_url=AUTH_URL, username=user, password=password,
                  project_name=project, user_domain_name="Default",
                  project_domain_name="Default"),
        region_name=REGION, interface="public", identity_api_version="3")


def find_or_create(find, create, name, **attrs):
    found = find(name, ignore_missing=True)
    if found is not None:
        return found
    log("creating %s" % name)
    return create(name=name, **attrs)


def grant(conn, role, user, project):
    ident = conn.identity
    if not ident.validate_user_has_project_role(project, user, role):
        log("granting %s to %s on %s" % (role.name, user.name, project.name))
        ident.assign_project_role_to_user(project, user, role)


def seed_identity():
    conn = connect()
    ident = conn.identity
    domain = ident.find_domain("default")

    role = {}
    for name in ("admin", "member", "reader", "service"):
        role[name] = find_or_create(ident.find_role, ident.create_role, name)

    def project(name, description):
        return find_or_create(ident.find_project, ident.create_project, name,
                              domain_id=domain.id, description=description)

    def user(name, password, project=None):
        found = ident.find_user(name, domain_id=domain.id, ignore_missing=True)
        if found is not None:
            return found
        log("creating user %s" % name)
        attrs = dict(name=name, password=password, domain_id=domain.id)
        if project is not None:
            attrs["default_project_id"] = project.id
        return ident.create_user(**attrs)

    service = project("service", "Service users of the test cloud")
    demo = project("demo", "Meridian test project")
    alt = project("alt", "Second project of the demo user (project switcher)")
    admin_project = ident.find_project("admin", domain_id=domain.id)
    admin = ident.find_user("admin", domain_id=domain.id)

    for name in SERVICE_USERS:
        u = user(name, SERVICE_PASSWORD, service)
        grant(conn, role["admin"], u, service)
        grant(conn, role["service"], u, service)

    demo_user = user("demo", "demo", demo)
    reader = user("reader", "reader", demo)
    grant(conn, role["member"], demo_user, demo)
    grant(conn, role["member"], demo_user, alt)
    grant(conn, role["reader"], reader, demo)
    grant(conn, role["admin"], admin, demo)
    grant(conn, role["admin"], admin, admin_project)

    region = ident.find_region(REGION, ignore_missing=True) or ident.create_region(id=REGION)
    for stype, (sname, url) in CATALOG.items():
        svc = next((s for s in ident.services() if s.type == stype), None)
        if svc is None:
            log("registering service %s (%s)" % (sname, stype))
            svc = ident.create_service(name=sname, type=stype, enabled=True)
        have = {e.interface for e in ident.endpoints(service_id=svc.id, region_id=region.id)}
        for interface in ("public", "internal", "admin"):
            if interface not in have:
                ident.create_endpoint(service_id=svc.id, interface=interface, url=url,
                                      region_id=region.id, enabled=True)
    write_clouds_yaml()


def write_clouds_yaml():
    lines = ["# Written by Meridian's test cloud `up`. Loopback only.", "clouds:"]
    for cloud, (user, password, project) in CLOUDS.items():
        lines += [
            "  %s:" % cloud,
            "    auth:",
            "      auth_url: %s" % AUTH_URL,
            "      username: %s" % user,
            "      password: %s" % password,
            "      project_name: %s" % project,
            "      user_domain_name: Default",
            "      project_domain_name: Default",
            "    region_name: %s" % REGION,
            "    interface: public",
            "    identity_api_version: 3",
        ]
    path = os.path.join(STATE, "clouds.yaml")
    content = "\n".join(lines) + "\n"
    try:
        with open(path) as f:
            if f.read() == content:
                return
    except FileNotFoundError:
        pass
    with open(path + ".tmp", "w") as f:
        f.write(content)
    os.replace(path + ".tmp", path)


def nova_manage(*args):
    cmd = [os.path.join(VENV, "bin", "nova-manage"),
           "--config-file", os.path.join(ETC, "nova", "nova.conf")] + list(args)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL,
                   stderr=open(os.path.join(STATE, "log", "nova-manage.log"), "a"))


def wait(what, check, timeout=180):
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = check()
        except (ks_exc.ClientException, openstack.exceptions.SDKException):
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            raise SystemExit("seed: timed out waiting for %s" % what)
        time.sleep(1)


def register_compute(conn):
    wait("nova-compute to report up",
         lambda: any(s.binary == "nova-compute" and s.state == "up"
                     for s in conn.compute.services()))
    wait("the compute node in placement",
         lambda: list(conn.placement.resource_providers()))

    def mapped():
        nova_manage("cell_v2", "discover_hosts")
        return list(conn.compute.hypervisors())
    wait("the compute host mapping", mapped, timeout=120)


def seed_resources():
    conn = connect()
    register_compute(conn)

    for name, ram, disk in (("m1.tiny", 512, 1), ("m1.small", 2048, 20)):
        if conn.compute.find_flavor(name, ignore_missing=True) is None:
            log("creating flavor %s" % name)
            conn.compute.create_flavor(name=name, vcpus=1, ram=ram, disk=disk,
                                       is_public=True)

    if conn.image.find_image("tiny", ignore_missing=True) is None:
        path = os.path.join(STATE, "images", "tiny.qcow2")
        log("uploading image tiny")
        conn.create_image("tiny", filename=path, disk_format="qcow2",
                          container_format="bare", visibility="public", wait=True)

    net = conn.network.find_network("ext-net", ignore_missing=True)
    if net is None:
        log("creating network ext-net")
        net = conn.network.create_network(
            name="ext-net", is_router_external=True, is_shared=False,
            provider_network_type="flat", provider_physical_network="extnet")
    if conn.network.find_subnet("ext-subnet", ignore_missing=True) is None:
        log("creating subnet ext-subnet")
        conn.network.create_subnet(
            name="ext-subnet", network_id=net.id, ip_version=4,
            cidr="203.0.113.0/24", gateway_ip="203.0.113.1", is_dhcp_enabled=False,
            allocation_pools=[{"start": "203.0.113.100", "end": "203.0.113.200"}])

    alt = conn.identity.find_project("alt", domain_id="default")
    quota = conn.compute.get_quota_set(alt.id)
    if quota.instances != 5 or quota.cores != 8:
        log("setting alt's compute quota")
        conn.compute.update_quota_set(alt.id, instances=5, cores=8)


def wait_ready():
    conn = connect()
    wait("nova-compute to report up",
         lambda: any(s.binary == "nova-compute" and s.state == "up"
                     for s in conn.compute.services()))
    wait("cinder-volume to report up",
         lambda: any(s.binary == "cinder-volume" and s.state == "up"
                     for s in conn.block_storage.services()))


if __name__ == "__main__":
    steps = {"identity": seed_identity, "resources": seed_resources, "ready": wait_ready}
    if len(sys.argv) != 2 or sys.argv[1] not in steps:
        raise SystemExit("usage: seed.py identity|resources|ready")
    steps[sys.argv[1]]()
