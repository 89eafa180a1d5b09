import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { hotlineApi, type HotlineLine } from '../../api/hotline-api.ts';

/** The lines in the jurisdiction and the one chosen (the first by default). */
export function useLines(): { lines: HotlineLine[]; line: HotlineLine | undefined; setLineId: (id: string) => void; loading: boolean } {
  const [lines, setLines] = useState<HotlineLine[]>([]);
  const [lineId, setLineId] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    void hotlineApi(api)
      .lines()
      .then((r) => {
        setLines(r.items);
        setLineId((cur) => cur ?? r.items[0]?.id);
      })
      .finally(() => setLoading(false));
  }, []);
  return { lines, line: lines.find((l) => l.id === lineId), setLineId, loading };
}
