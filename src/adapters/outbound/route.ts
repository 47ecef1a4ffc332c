/**
 * Turns a catalog route template and a call's parameters into a @forge/api `Route` (which escapes every value),
 * and into the path recorded in the "App API call" audit event: the filled path with query values left out,
 * because search text and account ids in a query can be personal data.
 */
import { route, type Route } from '@forge/api';

export type RouteParamValue = string | number | URLSearchParams;

/** `'/a/{x}?q={y}'` → `'x' | 'y'`: the placeholders a template needs, so a call site cannot forget one. */
export type RouteParamNames<Template extends string> = Template extends `${string}{${infer Name}}${infer Rest}`
  ? Name | RouteParamNames<Rest>
  : never;

export type RouteParams<Template extends string> = { [Name in RouteParamNames<Template>]: RouteParamValue };

export interface BuiltRoute {
  route: Route;
  /** E.g. `/rest/api/3/user/search?query&maxResults`: path kept, query reduced to its parameter names. */
  recordedPath: string;
}

const PLACEHOLDER = /\{(\w+)\}/g;

export function templateParamNames(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

/** The filled path without query values (names kept, in order, each once). */
export function pathWithoutQueryValues(filled: string): string {
  const [path = '', query] = filled.split(/\?(.*)/s, 2);
  if (query === undefined || query === '') return path;
  const names = [...new Set([...new URLSearchParams(query).keys()])];
  return names.length === 0 ? path : `${path}?${names.join('&')}`;
}

export function buildRoute(template: string, params: Readonly<Record<string, RouteParamValue>>): BuiltRoute {
  const names = templateParamNames(template);
  const unexpected = Object.keys(params).filter((name) => !names.includes(name));
  if (unexpected.length > 0) throw new Error(`Route ${template} has no parameter ${unexpected.join(', ')}`);
  const values = names.map((name) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Route ${template} needs parameter ${name}`);
    return value;
  });
  const strings = template.split(PLACEHOLDER).filter((_, index) => index % 2 === 0);
  // `route` is a tag function: hand it the template's literal parts as a TemplateStringsArray.
  const literal = Object.assign([...strings], { raw: [...strings] }) as unknown as TemplateStringsArray;
  const built = route(literal, ...values);
  return { route: built, recordedPath: pathWithoutQueryValues(built.value) };
}
