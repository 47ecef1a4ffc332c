/** Resolver answers in tests that call the resolvers directly (through the host) to set the scene. */
import type { ResolverResult } from '../../src/shared/result';

/** The answer's data; fails the setup with the error's code and message when the resolver refused. */
export async function expectOk<T>(answer: Promise<ResolverResult<T>>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}
