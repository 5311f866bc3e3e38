"""A Cinder volume driver for a test cloud: Cinder's logging fake, backed by sparse files.

``cinder.tests.fake_driver.FakeLoggingVolumeDriver`` logs LVM commands instead of running
them, which is enough for empty volumes and attachments, but a volume created from an
image fails: the image is written to the LVM device path, which does not exist. Here every
volume has a sparse file under ``<state_path>/volumes`` as its local path, so image to
volume (and volume to image) copies really happen, with ``qemu-img`` on small files.
"""
import os

from oslo_config import cfg

from cinder.tests import fake_driver

CONF = cfg.CONF
GiB = 1024 ** 3


class FileBackedFakeVolumeDriver(fake_driver.FakeLoggingVolumeDriver):

    def _file(self, volume):
        return os.path.join(CONF.state_path, "volumes", "volume-%s" % volume["id"])

    def _ensure_file(self, volume, size_gb=None):
        path = self._file(volume)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        size = int(size_gb if size_gb is not None else volume["size"]) * GiB
        with open(path, "ab") as f:
            if f.tell() < size:
                f.truncate(size)
        return path

    def local_path(self, volume, vg=None):
        return self._ensure_file(volume)

    def create_volume(self, volume):
        update = super().create_volume(volume)
        self._ensure_file(volume)
        return update

    def copy_image_to_volume(self, context, volume, image_service, image_id,
                             disable_sparse=False):
        super().copy_image_to_volume(context, volume, image_service, image_id,
                                     disable_sparse=disable_sparse)
        # qemu-img writes a regular file at the image's size: give it the volume's size.
        self._ensure_file(volume)

    def create_cloned_volume(self, volume, src_vol):
        self._ensure_file(volume)

    def create_volume_from_snapshot(self, volume, snapshot):
        self._ensure_file(volume)

    def extend_volume(self, volume, new_size):
        self._ensure_file(volume, new_size)

    def delete_volume(self, volume):
        try:
            os.unlink(self._file(volume))
        except FileNotFoundError:
            pass
