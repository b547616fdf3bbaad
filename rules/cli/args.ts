/** Minimal flag parsing shared by the subcommands: --name value, --flag, and positionals. */
export function parseArgs(args: string[], booleans: string[] = []): { flags: Map<string, string | true>; positional: string[] } {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2);
      if (inline !== undefined) flags.set(name, inline);
      else if (booleans.includes(name) || i + 1 >= args.length) flags.set(name, true);
      else flags.set(name, args[++i]);
    } else positional.push(a);
  }
  return { flags, positional };
}

export function stringFlag(flags: Map<string, string | true>, name: string): string | undefined {
  const v = flags.get(name);
  return typeof v === 'string' ? v : undefined;
}
