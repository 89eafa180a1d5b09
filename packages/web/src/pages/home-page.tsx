import { EnvironmentOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isRegionCode, regionLevel } from '@anxin/domain/regions/region-code.ts';
import { useSignedInSession } from '../auth/session-context.tsx';
import { useDocumentTitle } from '../layout/use-document-title.ts';
import { visibleMenu } from '../menu/menu-items.ts';
import { useRegion } from '../region/region-context.tsx';

/** The workbench: who is signed in, which roles over which regions, and what they can open. */
export default function HomePage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const { region } = useRegion();
  useDocumentTitle(t('home.pageTitle'));
  const modules = visibleMenu(session.actions).filter((entry) => entry.path !== '/');
  const levelOf = (code: string): string => (isRegionCode(code) ? t(`regionLevels.${regionLevel(code)}`) : '');

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="home-page">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('home.greeting', { name: session.account.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary">{t('home.intro')}</Typography.Text>
      </div>

      <Alert
        type="info"
        showIcon
        icon={<SafetyCertificateOutlined />}
        message={t('home.privacyTitle')}
        description={t('home.privacy')}
      />

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('home.rolesTitle')} data-testid="home-roles">
              {session.roles.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noRoles')} />
              ) : (
                <List
                  itemLayout="horizontal"
                  dataSource={session.roles}
                  rowKey={(grant) => `${grant.role}:${grant.regionCode}:${grant.organizationId ?? ''}`}
                  renderItem={(grant) => (
                    <List.Item>
                      <List.Item.Meta
                        title={<Tag color="blue">{t(`roles.${grant.role}`)}</Tag>}
                        description={
                          <Space wrap size={[16, 4]}>
                            <span>
                              <Typography.Text type="secondary">{t('home.fieldLabel', { label: t('home.regionColumn') })}</Typography.Text>
                              {grant.regionName}
                              <Typography.Text type="secondary"> · {levelOf(grant.regionCode)}</Typography.Text>
                            </span>
                            <span>
                              <Typography.Text type="secondary">{t('home.fieldLabel', { label: t('home.organizationColumn') })}</Typography.Text>
                              {grant.organizationName ?? t('home.noOrganization')}
                            </span>
                          </Space>
                        }
                      />
                    </List.Item>
                  )}
                />
              )}
            </Card>

            <Card title={t('home.modulesTitle')} data-testid="home-modules">
              {modules.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noModules')} />
              ) : (
                <Row gutter={[12, 12]}>
                  {modules.map((entry) => {
                    const Icon = entry.icon;
                    return (
                      <Col xs={24} md={12} key={entry.key}>
                        <Link to={entry.path} className="home-module-link">
                          <Card size="small" hoverable style={{ height: '100%' }}>
                            <Space align="start" size={12}>
                              <Icon style={{ fontSize: 22, color: '#1f4e8c', marginTop: 2 }} />
                              <div>
                                <Space size={8}>
                                  <Typography.Text strong>{t(`menu.${entry.key}`)}</Typography.Text>
                                  {!entry.page && <Tag>{t('home.comingSoon')}</Tag>}
                                </Space>
                                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 13 }}>
                                  {t(`modules.${entry.key}`)}
                                </Typography.Paragraph>
                              </div>
                            </Space>
                          </Card>
                        </Link>
                      </Col>
                    );
                  })}
                </Row>
              )}
            </Card>
          </Space>
        </Col>

        <Col xs={24} xl={8}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('home.currentRegionTitle')} data-testid="home-region">
              <Space align="start" size={12}>
                <EnvironmentOutlined style={{ fontSize: 22, color: '#1f4e8c', marginTop: 4 }} />
                <div>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {region ? region.name : t('home.noRegion')}
                  </Typography.Text>
                  {region && (
                    <div>
                      <Typography.Text type="secondary">
                        {levelOf(region.code)} · {region.code}
                      </Typography.Text>
                    </div>
                  )}
                  <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
                    {t('home.currentRegionHint')}
                  </Typography.Paragraph>
                </div>
              </Space>
            </Card>

            <Card title={t('home.accountTitle')}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('home.displayName')}>{session.account.displayName}</Descriptions.Item>
                <Descriptions.Item label={t('home.username')}>{session.account.username}</Descriptions.Item>
                <Descriptions.Item label={t('home.permissionCount')}>
                  {t('home.permissionCountValue', { n: session.actions.length })}
                </Descriptions.Item>
              </Descriptions>
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
