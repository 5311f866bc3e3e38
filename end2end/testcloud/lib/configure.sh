# Writes every service's configuration under $ETC. Sourced by `up` after common.sh.
# Files are rewritten only when their content changes; CONFIG_CHANGED lists those that did.

CONFIG_CHANGED=()

# put FILE: write stdin to FILE if it differs from what is there.
put() {
    local f="$1" tmp
    mkdir -p "$(dirname "$f")"
    tmp="$(mktemp "$f.XXXXXX")"
    cat >"$tmp"
    if [[ -f "$f" ]] && cmp -s "$tmp" "$f"; then
        rm -f "$tmp"
    else
        mv "$tmp" "$f"
        CONFIG_CHANGED+=("${f#"$ETC"/}")
    fi
}

# put_copy SRC DEST
put_copy() { put "$2" <"$1"; }

authtoken() { # authtoken USER SERVICE_TYPE
    cat <<EOF
[keystone_authtoken]
www_authenticate_uri = http://$HOST:5000
auth_url = http://$HOST:5000
memcached_servers = $HOST:11211
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $1
password = $SERVICE_PASSWORD
service_type = $2
service_token_roles_required = true
EOF
}

# service_auth SECTION USER: a keystoneauth password plugin section for service-to-service calls.
service_auth() {
    cat <<EOF
[$1]
auth_type = password
auth_url = http://$HOST:5000/v3
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $2
password = $SERVICE_PASSWORD
region_name = RegionOne
EOF
}

cache_section() {
    cat <<EOF
[cache]
enabled = true
backend = dogpile.cache.pymemcache
memcache_servers = $HOST:11211
EOF
}

write_configs() {
    local venv_etc="$VENV/etc"

    # --- Keystone ---------------------------------------------------------------------
    put "$ETC/keystone/keystone.conf" <<EOF
[DEFAULT]
use_stderr = true
[database]
connection = $DB_URL/keystone
max_pool_size = 5
[token]
provider = fernet
expiration = 14400
[identity]
# bcrypt's fewest rounds: a password check costs ~1 ms of CPU instead of ~250 ms. Every
# login and every test's own token request is one; the cloud's security is not what is tested.
password_hash_rounds = 4
[fernet_tokens]
key_repository = $STATE/keystone/fernet-keys
[fernet_receipts]
key_repository = $STATE/keystone/fernet-keys
[credential]
key_repository = $STATE/keystone/credential-keys
$(cache_section)
[oslo_policy]
enforce_new_defaults = true
EOF

    # --- Glance -----------------------------------------------------------------------
    put "$ETC/glance/glance-api.conf" <<EOF
[DEFAULT]
use_stderr = true
bind_host = $HOST
bind_port = 9292
workers = 1
enabled_backends = fs:file
worker_self_reference_url = http://$HOST:9292
image_size_cap = 10737418240
[database]
connection = $DB_URL/glance
max_pool_size = 5
[glance_store]
default_backend = fs
[fs]
filesystem_store_datadir = $STATE/glance/images
[os_glance_staging_store]
filesystem_store_datadir = $STATE/glance/staging
[os_glance_tasks_store]
filesystem_store_datadir = $STATE/glance/tasks
[paste_deploy]
flavor = keystone
[oslo_concurrency]
lock_path = $STATE/glance/lock
[import_filtering_opts]
# Create Image from a URL uses the web-download import method (enabled by default, see
# enabled_import_methods). It fetches only from allowed ports (80 and 443 by default) and
# never from loopback unless the host is in allowed_hosts: end2end/tests/image_actions.spec.ts
# serves an image on 127.0.0.1:28080. A loopback-only cloud fetches from nowhere else anyway.
# (These lists must be written in brackets: Glance declares them with bounds.)
allowed_hosts = [$HOST]
allowed_ports = [80,443,28080]
$(authtoken glance image)
EOF
    put_copy "$venv_etc/glance/glance-api-paste.ini" "$ETC/glance/glance-api-paste.ini"

    # --- Placement --------------------------------------------------------------------
    put "$ETC/placement/placement.conf" <<EOF
[DEFAULT]
use_stderr = true
[placement_database]
connection = $DB_URL/placement
max_pool_size = 5
[api]
auth_strategy = keystone
$(authtoken placement placement)
EOF

    # --- Nova -------------------------------------------------------------------------
    put "$ETC/nova/nova.conf" <<EOF
[DEFAULT]
use_stderr = true
host = meridian-testcloud
my_ip = $HOST
state_path = $STATE/nova
instances_path = $STATE/nova/instances
transport_url = $TRANSPORT_URL
compute_driver = meridian_fake.MeridianFakeDriver
graceful_shutdown_timeout = 5
# One compute host: resizing must be allowed to stay on it.
allow_resize_to_same_host = true
enabled_apis = osapi_compute
osapi_compute_listen = $HOST
[api]
auth_strategy = keystone
[api_database]
connection = $DB_URL/nova_api
max_pool_size = 5
[database]
connection = $DB_URL/nova
max_pool_size = 5
[wsgi]
api_paste_config = $ETC/nova/api-paste.ini
[conductor]
workers = 1
[scheduler]
workers = 1
discover_hosts_in_cells_interval = 30
[vnc]
enabled = true
server_listen = $HOST
server_proxyclient_address = $HOST
novncproxy_host = $HOST
novncproxy_port = 6080
novncproxy_base_url = http://$HOST:6080/vnc_lite.html
auth_schemes = none
[oslo_concurrency]
lock_path = $STATE/nova/lock
[oslo_messaging_notifications]
driver = noop
[nova_sys_admin]
helper_command = $VENV/bin/privsep-helper --config-file $ETC/nova/nova.conf
$(cache_section)
$(authtoken nova compute)
$(service_auth placement placement)
$(service_auth neutron neutron)
$(service_auth cinder cinder)
$(service_auth service_user nova)
send_service_user_token = true
EOF
    put_copy "$venv_etc/nova/api-paste.ini" "$ETC/nova/api-paste.ini"

    # --- Neutron ----------------------------------------------------------------------
    put "$ETC/neutron/neutron.conf" <<EOF
[DEFAULT]
use_stderr = true
bind_host = $HOST
core_plugin = ml2
service_plugins = router
auth_strategy = keystone
transport_url = $TRANSPORT_URL
state_path = $STATE/neutron
api_paste_config = $ETC/neutron/api-paste.ini
api_workers = 1
rpc_workers = 0
rpc_state_report_workers = 0
network_auto_schedule = false
router_auto_schedule = false
allow_overlapping_ips = true
dhcp_agent_notification = false
notify_nova_on_port_status_changes = true
notify_nova_on_port_data_changes = true
[database]
connection = $DB_URL/neutron
max_pool_size = 5
[oslo_concurrency]
lock_path = $STATE/neutron/lock
[oslo_messaging_notifications]
driver = noop
$(authtoken neutron network)
$(service_auth nova nova)
EOF
    put "$ETC/neutron/plugins/ml2/ml2_conf.ini" <<EOF
[ml2]
type_drivers = flat,vlan,vxlan
tenant_network_types = vxlan
mechanism_drivers = meridian_always_bind
extension_drivers = port_security
[ml2_type_flat]
flat_networks = *
[ml2_type_vxlan]
vni_ranges = 1:1000
[securitygroup]
enable_security_group = true
EOF
    put_copy "$venv_etc/neutron/api-paste.ini" "$ETC/neutron/api-paste.ini"

    # --- Cinder -----------------------------------------------------------------------
    put "$ETC/cinder/cinder.conf" <<EOF
[DEFAULT]
use_stderr = true
host = meridian-testcloud
my_ip = $HOST
state_path = $STATE/cinder
transport_url = $TRANSPORT_URL
auth_strategy = keystone
api_paste_config = $ETC/cinder/api-paste.ini
resource_query_filters_file = $ETC/cinder/resource_filters.json
rootwrap_config = $ETC/cinder/rootwrap.conf
osapi_volume_listen = $HOST
osapi_volume_workers = 1
enabled_backends = fake
graceful_shutdown_timeout = 5
image_conversion_dir = $STATE/cinder/conversion
[fake]
volume_driver = meridian_cinder_fake.FileBackedFakeVolumeDriver
volume_backend_name = fake
[database]
connection = $DB_URL/cinder
max_pool_size = 5
[coordination]
backend_url = file://$STATE/cinder/coordination
[oslo_concurrency]
lock_path = $STATE/cinder/lock
[oslo_messaging_notifications]
driver = noop
[privsep_osbrick]
helper_command = $VENV/bin/privsep-helper --config-file $ETC/cinder/cinder.conf
[cinder_sys_admin]
helper_command = $VENV/bin/privsep-helper --config-file $ETC/cinder/cinder.conf
$(authtoken cinder block-storage)
$(service_auth nova nova)
$(service_auth service_user cinder)
send_service_user_token = true
EOF
    put_copy "$venv_etc/cinder/api-paste.ini" "$ETC/cinder/api-paste.ini"
    put_copy "$venv_etc/cinder/resource_filters.json" "$ETC/cinder/resource_filters.json"
    put_copy "$venv_etc/cinder/rootwrap.conf" "$ETC/cinder/rootwrap.conf"

    # --- RabbitMQ ---------------------------------------------------------------------
    put "$ETC/rabbitmq/rabbitmq.conf" <<EOF
listeners.tcp.1 = $HOST:5672
loopback_users.guest = true
disk_free_limit.absolute = 50MB
log.console = true
log.file = false
EOF
    put "$ETC/rabbitmq/enabled_plugins" <<<'[].'

    # --- sudo for a root-only cloud -----------------------------------------------------
    # Cinder runs privileged commands as `sudo cinder-rootwrap <conf> CMD...` and privsep
    # as `sudo privsep-helper ...`. The test cloud runs as root and the machine may have
    # no sudo at all: this one drops the rootwrap wrapper and runs the command directly.
    put "$STATE/bin/sudo" <<'EOF'
#!/bin/sh
while [ $# -gt 0 ]; do
    case "$1" in
        -*) shift ;;
        *) break ;;
    esac
done
case "$1" in
    *-rootwrap) shift 2 ;;
esac
exec "$@"
EOF
    chmod 755 "$STATE/bin/sudo"
}
