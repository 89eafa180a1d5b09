import { useEffect, useState } from 'react';
import { Alert, Badge, Card, Col, Empty, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { WALLBOARD_STREAM_PATH, type CallMetrics, type ServiceLevels } from '../../api/hotline-api.ts';
import { pct, secs } from './hotline-labels.ts';

/** Live service levels per line (server-sent events; the browser reconnects by itself). */
export default function WallboardPage() {
  const { t } = useTranslation();
  const [data, setData] = useState<ServiceLevels | null>(null);
  const [online, setOnline] = useState(true);
  useEffect(() => {
    const source = new EventSource(WALLBOARD_STREAM_PATH, { withCredentials: true });
    source.addEventListener('snapshot', (e) => {
      setOnline(true);
      setData(JSON.parse((e as MessageEvent<string>).data) as ServiceLevels);
    });
    source.onerror = () => setOnline(false);
    return () => source.close();
  }, []);
  if (!data) return <Card loading />;
  return (
    <>
      <div style={{ marginBottom: 8 }}>
        <Badge status={online ? 'processing' : 'error'} text={online ? `${t('hotline.wallboard.live')} · ${new Date(data.at).toLocaleTimeString()}` : t('hotline.wallboard.offline')} />
      </div>
      {data.lines.length === 0 && <Empty description={t('hotline.wallboard.noLines')} />}
      {data.lines.map((line) => (
        <Card key={line.lineId} title={`${line.number} · ${line.name}`} style={{ marginBottom: 16 }} data-testid={`wallboard-line-${line.number}`}>
          <Tiles m={line.day} inProgress={line.inProgress} sl={data.serviceLevelSeconds} />
          {line.day.shortAbandoned > 0 && <Typography.Text type="secondary">{t('hotline.wallboard.shortAbandoned', { n: line.day.shortAbandoned })}</Typography.Text>}
          <Typography.Title level={5} style={{ marginTop: 12 }}>{t('hotline.wallboard.byHour')}</Typography.Title>
          <Table
            size="small"
            rowKey="hour"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={[...line.hours].reverse()}
            columns={[
              { title: t('hotline.wallboard.hour'), dataIndex: 'hour', render: (v: number) => `${v}:00` },
              { title: t('hotline.wallboard.offered'), dataIndex: 'offered' },
              { title: t('hotline.wallboard.answered'), dataIndex: 'answered' },
              { title: t('hotline.wallboard.abandoned'), dataIndex: 'abandoned' },
              { title: t('hotline.wallboard.answerRate'), dataIndex: 'answerRate', render: pct },
              { title: t('hotline.wallboard.serviceLevel', { s: data.serviceLevelSeconds }), dataIndex: 'serviceLevel', render: pct },
              { title: t('hotline.wallboard.asa'), dataIndex: 'asaSeconds', render: secs },
              { title: t('hotline.wallboard.aht'), dataIndex: 'ahtSeconds', render: secs },
            ]}
          />
        </Card>
      ))}
      {!online && <Alert type="warning" message={t('hotline.wallboard.offline')} />}
    </>
  );
}

function Tiles({ m, inProgress, sl }: { m: CallMetrics; inProgress: number; sl: number }) {
  const { t } = useTranslation();
  const s = (n: number | null) => (n === null ? '—' : t('hotline.wallboard.seconds', { n: Math.round(n) }));
  const tiles: [string, string | number, string][] = [
    [t('hotline.wallboard.offered'), m.offered, 'offered'],
    [t('hotline.wallboard.answered'), m.answered, 'answered'],
    [t('hotline.wallboard.abandoned'), m.abandoned, 'abandoned'],
    [t('hotline.wallboard.answerRate'), pct(m.answerRate), 'answer-rate'],
    [t('hotline.wallboard.serviceLevel', { s: sl }), pct(m.serviceLevel), 'service-level'],
    [t('hotline.wallboard.asa'), s(m.asaSeconds), 'asa'],
    [t('hotline.wallboard.aht'), s(m.ahtSeconds), 'aht'],
    [t('hotline.wallboard.waiting'), m.waiting, 'waiting'],
    [t('hotline.wallboard.inProgress'), inProgress, 'in-progress'],
    [t('hotline.wallboard.longestWait'), s(m.longestWaitSeconds), 'longest-wait'],
  ];
  return (
    <Row gutter={[12, 12]}>
      {tiles.map(([title, value, key]) => (
        <Col xs={12} sm={8} md={6} lg={4} key={key}>
          <Card size="small"><Statistic title={title} value={value} valueStyle={{ fontSize: 22 }} data-testid={`wb-${key}`} /></Card>
        </Col>
      ))}
    </Row>
  );
}
