/**
 * The request shape verification reads: the platform's web trigger request, reduced to what is
 * needed here so that the domain does not depend on the web trigger module.
 */
export type HeaderMap = Readonly<Record<string, readonly string[] | undefined>>;

export interface HttpLikeRequest {
  method: string;
  headers: HeaderMap;
  body?: string;
}

/**
 * First non-blank value of a header, matched case-insensitively (the platform lower-cases names,
 * but a caller of `authenticate` may not). Blank values count as absent.
 */
export function firstHeader(headers: HeaderMap, name: string): string | undefined {
  const wanted = name.toLowerCase();
  // `?? {}`: a request object built by hand may lack headers altogether.
  for (const [key, values] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() !== wanted || !Array.isArray(values)) continue;
    for (const value of values) {
      if (typeof value === 'string' && value.trim() !== '') return value;
    }
  }
  return undefined;
}
