import { parseTree, type Node } from 'jsonc-parser';
import { tooDeep } from '../../migrate/steps';
import type { RenameResult, Splice } from '../types';
import { DEPENDENCY_SECTIONS } from './packageJson';

/**
 * `rename` in a package.json: the key `from` becomes `to` in every dependency section, at the same
 * place and with the same version; an `npm:` alias of `from` points at `to`. A section that already
 * has `to` keeps both keys as they are (merging two declarations is a decision for a person), and
 * says so. Text that is not a JSON object is left alone, with a note.
 */
export function renamePackageJson(text: string, from: string, to: string): RenameResult {
  // jsonc-parser recurses: a hostile nesting depth would overflow the stack.
  const refused = tooDeep(text);
  if (refused) return { splices: [], notes: [`the rename step left it alone: ${refused}`] };
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (root?.type !== 'object') return { splices: [], notes: ['the rename step left it alone: the manifest is not a JSON object'] };
  const notes: string[] = [];
  const splices: Splice[] = [];
  for (const section of properties(root)) {
    const name = section.children?.[0]?.value;
    const deps = section.children?.[1];
    if (!(DEPENDENCY_SECTIONS as readonly unknown[]).includes(name) || deps?.type !== 'object') continue;
    const entries = properties(deps);
    const keys = new Set(entries.map((p) => p.children?.[0]?.value));
    for (const entry of entries) {
      const [keyNode, valueNode] = [entry.children?.[0], entry.children?.[1]];
      if (!keyNode) continue;
      if (keyNode.value === from) {
        if (keys.has(to)) {
          notes.push(`${String(name)} has both "${from}" and "${to}"; "${from}" was not renamed`);
          continue;
        }
        splices.push({ start: keyNode.offset, end: keyNode.offset + keyNode.length, text: JSON.stringify(to) });
      } else if (valueNode?.type === 'string' && typeof valueNode.value === 'string') {
        const v = valueNode.value;
        if (v === `npm:${from}` || v.startsWith(`npm:${from}@`)) {
          const renamed = `npm:${to}${v.slice(4 + from.length)}`;
          splices.push({ start: valueNode.offset, end: valueNode.offset + valueNode.length, text: JSON.stringify(renamed) });
        }
      }
    }
  }
  return { splices, notes };
}

function properties(node: Node): Node[] {
  return (node.children ?? []).filter((c) => c.type === 'property');
}
