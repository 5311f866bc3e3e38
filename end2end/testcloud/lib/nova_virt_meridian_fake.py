"""Nova virt driver for Meridian's test cloud.

Installed by ``up`` as ``nova/virt/meridian_fake.py`` (Nova loads ``compute_driver``
as ``nova.virt.<value>``) and selected with
``compute_driver = meridian_fake.MeridianFakeDriver``.

It is Nova's single-node fake driver (stable node name and UUID across restarts) with
one change: VNC consoles point at a real VNC server on loopback (a QEMU started by
``up``) instead of the fake driver's made-up remote host, so console tests see real
RFB frames. The port comes from ``MERIDIAN_TESTCLOUD_VNC_PORT`` (default 5901).
"""
import os

from nova.console import type as ctype
from nova.virt import fake


class MeridianFakeDriver(fake.FakeDriverWithoutFakeNodes):

    def get_vnc_console(self, context, instance):
        port = int(os.environ.get("MERIDIAN_TESTCLOUD_VNC_PORT", "5901"))
        return ctype.ConsoleVNC(host="127.0.0.1", port=port,
                                internal_access_path=None)
