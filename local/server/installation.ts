/**
 * The one local installation of the app: the ids the platform would hand every invocation.
 * Fixed values, so data in a persistent store keeps pointing at the same installation.
 */
import { LOCAL_SITE } from '../jira/fixture';

export const LOCAL_INSTALLATION = {
  environmentId: '7d0c4d1e-0000-4000-8000-00000000e001',
  environmentType: 'DEVELOPMENT',
  installationId: '7d0c4d1e-0000-4000-8000-00000000f001',
  installContext: `ari:cloud:jira::site/${LOCAL_SITE.cloudId}`,
  locale: 'en-US',
  timezone: 'UTC',
} as const;

/** The second argument every function gets (Forge "Function Arguments": the context schema). */
export interface BackendRuntimePayload {
  principal?: { accountId: string };
  installContext: string;
  license: { isActive: boolean };
  installation: { ari: { installationId: string }; contexts: string[] };
}

export function backendRuntimePayload(accountId: string | undefined): BackendRuntimePayload {
  return {
    ...(accountId ? { principal: { accountId } } : {}),
    installContext: LOCAL_INSTALLATION.installContext,
    license: { isActive: true },
    installation: {
      ari: { installationId: LOCAL_INSTALLATION.installationId },
      contexts: [LOCAL_INSTALLATION.installContext],
    },
  };
}
