"""gunicorn entry point for neutron (see meridian_tc_shim)."""
from meridian_tc_shim import prepare

prepare("neutron", "neutron-api")

from neutron.wsgi.api import application  # noqa: E402,F401
