"""gunicorn entry point for nova (see meridian_tc_shim)."""
from meridian_tc_shim import prepare

prepare("nova", "nova-api")

from nova.wsgi.osapi_compute import application  # noqa: E402,F401
