/* version.h - the version gainsay reports (--version, SARIF). */
#ifndef BASE_VERSION_H
#define BASE_VERSION_H

#define GAINSAY_VERSION "0.1.0"

#endif
