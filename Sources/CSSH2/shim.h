#ifndef CSSH2_SHIM_H
#define CSSH2_SHIM_H

#include <libssh2.h>

#endif
