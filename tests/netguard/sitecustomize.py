"""Test guard: with BILATERAL_BLOCK_SOCKETS=1, a Python process may not create internet sockets.

Put on PYTHONPATH for the command-line tests (see conftest.run_cli), so any attempt by a
command other than `fetch` or `serve` to reach a network fails loudly instead of passing unseen.
"""
import os
import socket

if os.environ.get("BILATERAL_BLOCK_SOCKETS") == "1":
    _init = socket.socket.__init__

    def _guarded_init(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None and family in (-1, socket.AF_INET, socket.AF_INET6):
            raise PermissionError("bilateral test guard: this command may not open a network socket")
        _init(self, family, type, proto, fileno)

    socket.socket.__init__ = _guarded_init
