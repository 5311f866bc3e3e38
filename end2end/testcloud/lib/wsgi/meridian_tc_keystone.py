"""gunicorn entry point for keystone (see meridian_tc_shim)."""
from meridian_tc_shim import prepare

prepare("keystone", "keystone-api")

from keystone.wsgi.api import application  # noqa: E402,F401
