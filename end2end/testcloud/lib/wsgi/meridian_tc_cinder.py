"""gunicorn entry point for cinder (see meridian_tc_shim)."""
from meridian_tc_shim import prepare

prepare("cinder", "cinder-api")

from cinder.wsgi.api import application  # noqa: E402,F401
