/* A stand-in for Windows' bcryptprimitives.dll, which Debian's Wine 8 lacks: Rust's standard
 * library (1.78 and later) takes its random numbers from ProcessPrng there. Forwarded to
 * RtlGenRandom (advapi32's SystemFunction036), which Wine has. Only for running the tests
 * under Wine (.ci/wine-run); real Windows has the DLL. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG n = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, n)) return FALSE;
        data += n;
        length -= n;
    }
    return TRUE;
}
