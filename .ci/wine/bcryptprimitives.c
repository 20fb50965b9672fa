/*
 * A stand-in bcryptprimitives.dll for running Petition Desk's .exe under
 * Debian's Wine 8 in CI. A test fixture only: it is never built into or
 * shipped with the package (real Windows 10/11 has the real DLL).
 *
 * Go's runtime (1.24 and later) loads bcryptprimitives.dll from system32
 * at start and takes its random bytes from ProcessPrng, which Wine 8 does
 * not have ("fatal error: bcryptprimitives.dll not found"). Wine does have
 * advapi32's SystemFunction036 (RtlGenRandom), which fills a buffer from
 * the host's random source, so ProcessPrng is that.
 *
 * Build: x86_64-w64-mingw32-gcc -O2 -shared -s -o bcryptprimitives.dll \
 *        bcryptprimitives.c bcryptprimitives.def -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* ProcessPrng fills buf with len random bytes. The real one never fails;
 * RtlGenRandom takes a ULONG, so a larger request goes in pieces. */
BOOL WINAPI ProcessPrng(PBYTE buf, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!SystemFunction036(buf, n))
			return FALSE;
		buf += n;
		len -= n;
	}
	return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE dll, DWORD reason, LPVOID reserved)
{
	(void)dll;
	(void)reason;
	(void)reserved;
	return TRUE;
}
