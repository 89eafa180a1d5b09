import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../api/assessments-api.ts';
import { definitionOf, itemOptions, localeOf } from './instrument-helpers.ts';

/** The answers behind a score: each item's text, the chosen answer and its score. */
export function AnswersTable({ instrument, version, answers }: { instrument: string; version: string; answers: Answer[] }) {
  const { t, i18n } = useTranslation();
  const def = definitionOf(instrument, version);
  const locale = localeOf(i18n.language);
  if (!def) return null;
  const rows = def.items.map((item, i) => {
    const score = answers[i] ?? null;
    const option = itemOptions(def, i).find((o) => o.score === score);
    return { key: item.linkId, n: i + 1, text: item.text[locale], answer: option?.label[locale] ?? null, score };
  });
  return (
    <Table
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="answers-table"
      columns={[
        { title: '#', dataIndex: 'n', width: 40 },
        { title: t('assessments.answers.item'), dataIndex: 'text' },
        {
          title: t('assessments.answers.answer'),
          dataIndex: 'answer',
          width: '38%',
          render: (v: string | null, r) => (v === null ? <Tag>{t('assessments.answers.blank')}</Tag> : `${v} (${r.score ?? ''})`),
        },
      ]}
    />
  );
}
