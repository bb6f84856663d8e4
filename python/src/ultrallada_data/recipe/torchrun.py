"""``torchrun``, unchanged but for one upstream bug that breaks it on Debian 12 (torch 1.13 with
Python 3.11): its ``Std.from_str`` finds a redirect setting by iterating an IntFlag, which Python
3.11 no longer does for 0 (and for 3), so even the default ``--redirects 0`` becomes None and the
launcher dies in ``to_map`` (AttributeError: 'NoneType' object has no attribute 'get'). torch 2.x
fixed it; there, plain ``torchrun`` is the same as this. Usage is torchrun's own:

    python -m ultrallada_data.recipe.torchrun --standalone --nproc_per_node 2 -m ultrallada_data.recipe.train ...
"""
import re
import sys

from torch.distributed.elastic.multiprocessing import api


def _from_str(cls, vm):
    if re.match(api._VALUE_REGEX, vm):
        return cls(int(vm))
    if re.match(api._MAPPING_REGEX, vm):
        return {int(i): cls(int(v)) for i, v in (m.split(":") for m in vm.split(","))}
    raise ValueError(f"{vm} does not match: <{api._VALUE_REGEX}> or <{api._MAPPING_REGEX}>")


def patch():
    """Replaces Std.from_str where the installed torch has the broken one (no-op elsewhere)."""
    if api.Std.from_str("0") is None:
        api.Std.from_str = classmethod(_from_str)


def main(argv=None):
    patch()
    from torch.distributed.run import main as torchrun_main

    torchrun_main(argv if argv is not None else sys.argv[1:])


if __name__ == "__main__":
    main()
