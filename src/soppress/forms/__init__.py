"""Standard forms, defined once in ``forms/<nama>.yaml`` (``model``), loaded and checked
with located messages (``load``), filled from and read back into case files
(``fill``, ``readback``), and the SKM index of the Survei Kepuasan (``skm``)."""
