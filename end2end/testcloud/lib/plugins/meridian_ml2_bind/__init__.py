"""An ML2 mechanism driver that binds every port, for a test cloud without agents.

Neutron without L2 agents cannot bind ports, so Nova's servers would end in
``binding_failed``. This driver binds the first segment offered as an OVS port and marks
it ACTIVE. Nothing is plugged anywhere: the test cloud's compute driver is fake.
"""
from neutron_lib import constants
from neutron_lib.plugins.ml2 import api


class AlwaysBindMechanismDriver(api.MechanismDriver):

    def initialize(self):
        pass

    @property
    def connectivity(self):
        return "l2"

    def bind_port(self, context):
        for segment in context.segments_to_bind:
            context.set_binding(
                segment[api.ID],
                "ovs",
                {"port_filter": True, "ovs_hybrid_plug": False},
                status=constants.PORT_STATUS_ACTIVE)
            return
