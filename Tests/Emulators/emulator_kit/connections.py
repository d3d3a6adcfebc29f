"""Socket-level helpers for the emulators' HTTP servers: TLS on a bound server, and a reset."""

import socket
import ssl
import struct
import sys


def wrap_in_tls(server, certificate, private_key, program):
    """Makes each connection of an already bound socketserver TLS. The handshake runs in the
    connection's own thread, so a slow client does not hold up `accept`."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, private_key)
    plain_finish_request = server.finish_request

    def finish_request(request, client_address):
        try:
            secured = context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as error:
            print(f"{program}: TLS handshake from {client_address[0]} failed: {error}",
                  file=sys.stderr, flush=True)
            return
        try:
            plain_finish_request(secured, client_address)
        finally:
            secured.close()  # socketserver only closes the plain socket it handed over

    server.finish_request = finish_request
    return server


def reset_connection(handler):
    """Ends a request handler's connection with RST instead of FIN (SO_LINGER 0): the client
    sees "connection reset" and no answer."""
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()
    handler.close_connection = True
