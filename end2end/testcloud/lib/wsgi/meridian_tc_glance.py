"""gunicorn entry point for glance (see meridian_tc_shim)."""
from meridian_tc_shim import prepare

prepare("glance", "glance-api")

from glance.wsgi.api import application  # noqa: E402,F401
