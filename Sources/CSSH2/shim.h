#ifndef CSSH2_SHIM_H
#define CSSH2_SHIM_H

#include <libssh2.h>

// libssh2 spells many calls as function-like macros, which Swift cannot see.
// These typed wrappers give each one a callable name; nothing else lives here.

static inline LIBSSH2_SESSION *cssh2_session_init(void) {
    return libssh2_session_init_ex(NULL, NULL, NULL, NULL);
}

static inline int cssh2_session_disconnect(LIBSSH2_SESSION *session, const char *description) {
    return libssh2_session_disconnect_ex(session, SSH_DISCONNECT_BY_APPLICATION, description, "");
}

static inline int cssh2_userauth_publickey_fromfile(LIBSSH2_SESSION *session, const char *user,
                                                    const char *privateKeyPath) {
    return libssh2_userauth_publickey_fromfile_ex(session, user, (unsigned int)strlen(user), NULL,
                                                  privateKeyPath, NULL);
}

static inline LIBSSH2_CHANNEL *cssh2_channel_open_session(LIBSSH2_SESSION *session) {
    return libssh2_channel_open_ex(session, "session", sizeof("session") - 1,
                                   LIBSSH2_CHANNEL_WINDOW_DEFAULT, LIBSSH2_CHANNEL_PACKET_DEFAULT,
                                   NULL, 0);
}

static inline int cssh2_channel_exec(LIBSSH2_CHANNEL *channel, const char *command) {
    return libssh2_channel_process_startup(channel, "exec", sizeof("exec") - 1, command,
                                           (unsigned int)strlen(command));
}

static inline ssize_t cssh2_channel_read(LIBSSH2_CHANNEL *channel, int stream, char *buffer,
                                         size_t length) {
    return libssh2_channel_read_ex(channel, stream, buffer, length);
}

#endif
