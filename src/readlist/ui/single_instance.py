"""One window per library: a second `readlist` on the same file brings the first forward.

The first window listens on a QLocalServer named after the library's resolved path; a later
start connects to that name first and, if someone answers, asks it to come forward and exits
(status 0) without opening the library at all. A name left behind by a crashed window is
removed before listening again.
"""

from __future__ import annotations

import getpass
import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

#: How long a starting app waits for a running window to answer (ms).
CONNECT_MS = 500
#: What a starting app sends to ask the running window to come forward.
RAISE = b"raise\n"


def server_name(library: str | os.PathLike[str]) -> str:
    """A local-socket name unique to this user and this library file."""
    text = os.fspath(library)
    key = text if "://" in text else str(Path(text).expanduser().resolve())
    digest = hashlib.sha256(f"{getpass.getuser()}\0{key}".encode()).hexdigest()[:20]
    return f"readlist-{digest}"


def forward_to_running(library: str | os.PathLike[str]) -> bool:
    """Ask a window already open on `library` to come forward; True if one answered."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(library))
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(RAISE)
    socket.flush()  # usually writes it all at once; then there is nothing left to wait for
    sent = socket.bytesToWrite() == 0 or socket.waitForBytesWritten(CONNECT_MS)
    socket.disconnectFromServer()
    return bool(sent)


class InstanceServer(QObject):
    """Listens for later starts on the same library; emits `activation_requested`."""

    activation_requested = Signal()

    def __init__(self, library: str | os.PathLike[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(library)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_server_new_connection)
        if not self._server.listen(self.name):
            QLocalServer.removeServer(self.name)  # left behind by a window that crashed
            self._server.listen(self.name)

    def listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        self._server.close()

    def _on_server_new_connection(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(self._on_socket_ready_read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _on_socket_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if RAISE.strip() in bytes(socket.readAll().data()):
            self.activation_requested.emit()
