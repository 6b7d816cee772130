/* version.h — the program's version, printed by --version, hashed into --if-changed's stamp
 * and written into the briefing's metadata. */
#ifndef EXPORTER_VERSION_H
#define EXPORTER_VERSION_H

#define EXPORTER_VERSION "0.1.0"

#endif
