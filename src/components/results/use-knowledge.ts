import { useEffect, useState } from 'react';
import type * as KnowledgeModule from './knowledge';

export type Knowledge = typeof KnowledgeModule;

let loaded: Knowledge | null = null;
let loading: Promise<Knowledge> | null = null;

/** Load the lookup tables once; the promise is shared by every caller. */
export function loadKnowledge(): Promise<Knowledge> {
  loading ??= import('./knowledge').then((k) => {
    loaded = k;
    return k;
  });
  return loading;
}

/** The lookup tables, or null until they have loaded (render the raw values meanwhile). */
export function useKnowledge(): Knowledge | null {
  const [k, setK] = useState<Knowledge | null>(loaded);
  useEffect(() => {
    if (k) {
      return;
    }
    let live = true;
    void loadKnowledge().then((value) => {
      if (live) {
        setK(value);
      }
    });
    return () => {
      live = false;
    };
  }, [k]);
  return k;
}

/** "STATUS_NO_SUCH_DEVICE" for `0xc000000e` once the tables are in, else undefined. */
export function statusName(k: Knowledge | null, value: string | undefined): string | undefined {
  if (!k || value === undefined) {
    return undefined;
  }
  const code = k.ntStatusFromArg(value);
  return code === undefined ? undefined : k.describeNtStatus(code)?.name;
}
