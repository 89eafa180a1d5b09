import { useState } from 'react';
import { Button, Card, Progress, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Answer } from '../../api/assessments-api.ts';
import { itemOptions, localeOf, type InstrumentDefinition } from './instrument-helpers.ts';

/** The instrument's items, either all on one page or one per screen; every choice calls onChange. */
export function QuestionForm({
  def,
  answers,
  onChange,
  layout,
}: {
  def: InstrumentDefinition;
  answers: Answer[];
  onChange: (answers: Answer[]) => void;
  layout: 'single' | 'whole';
}) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const [index, setIndex] = useState(() => Math.max(0, answers.findIndex((a) => a === null)));
  const set = (i: number, score: number) => onChange(answers.map((a, j) => (j === i ? score : a)));

  const options = (i: number) => (
    <Radio.Group value={answers[i]} onChange={(e) => set(i, e.target.value as number)} style={{ width: '100%' }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {itemOptions(def, i).map((o) => (
          <Radio key={o.score} value={o.score} style={{ padding: '6px 0', fontSize: 15 }} data-testid={`item-${i}-option-${o.score}`}>
            {o.label[locale]} <Typography.Text type="secondary">({o.score})</Typography.Text>
          </Radio>
        ))}
      </Space>
    </Radio.Group>
  );

  if (layout === 'whole') {
    return (
      <Space direction="vertical" style={{ width: '100%' }} data-testid="question-form-whole">
        <Typography.Paragraph type="secondary">{def.instructions[locale]}</Typography.Paragraph>
        {def.items.map((item, i) => (
          <Card key={item.linkId} size="small" title={`${i + 1}. ${item.text[locale]}`} styles={{ header: { whiteSpace: 'normal' } }}>
            {options(i)}
          </Card>
        ))}
      </Space>
    );
  }

  const item = def.items[Math.min(index, def.items.length - 1)];
  const i = Math.min(index, def.items.length - 1);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="question-form-single">
      <Progress percent={Math.round((answers.filter((a) => a !== null).length / def.items.length) * 100)} size="small" />
      <Typography.Text type="secondary" data-testid="form-step">
        {t('assessments.self.step', { n: i + 1, total: def.items.length })}
      </Typography.Text>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {item?.text[locale]}
      </Typography.Title>
      <Radio.Group
        value={answers[i]}
        onChange={(e) => {
          set(i, e.target.value as number);
          if (i < def.items.length - 1) setTimeout(() => setIndex(i + 1), 150);
        }}
        style={{ width: '100%' }}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          {itemOptions(def, i).map((o) => (
            <Radio.Button key={o.score} value={o.score} data-testid={`single-option-${o.score}`} style={{ width: '100%', height: 'auto', minHeight: 48, padding: '10px 12px', lineHeight: 1.4 }}>
              {o.label[locale]} ({o.score})
            </Radio.Button>
          ))}
        </Space>
      </Radio.Group>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Button disabled={i === 0} onClick={() => setIndex(i - 1)}>
          {t('assessments.self.back')}
        </Button>
        <Button disabled={i >= def.items.length - 1} onClick={() => setIndex(i + 1)}>
          {t('assessments.self.next')}
        </Button>
      </Space>
    </Space>
  );
}
