/*
 * Test-only stand-in for Windows' bcryptprimitives.dll, for running motcua's
 * Windows builds under Debian 12's wine 8.0 in CI.
 *
 * Go >= 1.22 seeds its runtime random source with ProcessPrng from
 * bcryptprimitives.dll; wine 8.0 has no such DLL, so every Go program dies
 * at start with "fatal error: bcryptprimitives.dll not found"
 * (../shared/docs/platform.md, Windows). This DLL exports ProcessPrng and
 * fills the buffer with RtlGenRandom (advapi32!SystemFunction036), which
 * wine implements from the host's /dev/urandom.
 *
 * NEVER ship it: real Windows 10+ has its own bcryptprimitives.dll. The
 * installer and the portable zip do not contain it; scripts/wine-smoke.sh
 * builds it into a throw-away wine prefix only.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -s -o bcryptprimitives.dll \
 *          bcryptprimitives.c bcryptprimitives.def -ladvapi32
 */
#include <windows.h>

/* SystemFunction036 is RtlGenRandom's export name in advapi32. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/*
 * BOOL ProcessPrng(PBYTE pbData, SIZE_T cbData): always returns TRUE on
 * Windows (documented as never failing). RtlGenRandom takes a ULONG length,
 * so larger requests are filled in chunks; if the host source ever fails we
 * return FALSE and Go's runtime aborts rather than run with a weak seed.
 */
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG n = size > 0x40000000 ? 0x40000000 : (ULONG)size;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        size -= n;
    }
    return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    (void)inst;
    (void)reason;
    (void)reserved;
    return TRUE;
}
