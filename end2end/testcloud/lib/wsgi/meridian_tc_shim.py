"""Prepare an OpenStack WSGI module for gunicorn.

The services' WSGI entry points parse ``sys.argv`` with oslo.config; under gunicorn
they would see gunicorn's own arguments. Each ``meridian_tc_<service>`` module calls
``prepare()`` before importing the service's ``application``: it resets ``sys.argv``
and points the service at its configuration directory under the test cloud's state.
"""
import os
import sys


def prepare(service, prog):
    etc = os.environ["MERIDIAN_TESTCLOUD_ETC"]
    conf_dir = os.path.join(etc, service)
    os.environ["OS_%s_CONFIG_DIR" % service.upper()] = conf_dir
    sys.argv = [prog]
    if service == "cinder":
        # cinder.wsgi reads only the command line and the default search path.
        sys.argv += ["--config-file", os.path.join(conf_dir, "cinder.conf")]
