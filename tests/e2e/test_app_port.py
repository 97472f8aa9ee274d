"""A second test run on the machine may take the port chosen for our app before the app binds it: the app then
starts on another port, and nobody talks to the other run's app in its place (it answers /api/health too)."""
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bench.ports import listens

from .conftest import App


class SomebodyElsesApp(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'{"status": "ok"}')

    def log_message(self, *args) -> None:
        pass


def test_an_app_whose_port_was_taken_starts_on_another_and_answers_itself(tmp_path):
    other = ThreadingHTTPServer(('127.0.0.1', 0), SomebodyElsesApp)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    taken = other.server_address[1]
    app = App(tmp_path / 'data')
    app._move_to(taken)
    try:
        app.start()
        assert app.port != taken and listens(app.process.pid, app.port)
    finally:
        app.stop()
        other.shutdown()
