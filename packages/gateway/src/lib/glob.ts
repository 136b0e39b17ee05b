/** Compiles a `*` glob (the only wildcard) into an anchored, case-sensitive matcher. */
export function globMatcher(glob: string): (value: string) => boolean {
  if (!glob.includes("*")) return (value) => value === glob;
  const pattern = glob.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  const re = new RegExp(`^${pattern}$`);
  return (value) => re.test(value);
}

export function anyGlobMatcher(globs: readonly string[]): (value: string) => boolean {
  const matchers = globs.map(globMatcher);
  return (value) => matchers.some((m) => m(value));
}
