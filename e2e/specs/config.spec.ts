import type { VirtualService } from '@shadowmesh/api';
import { expect, failedRequest, test, unexpectedErrors } from '../fixtures/api';
import { ALL_TO_V1, httpbinService, httpbinVirtualService } from '../fixtures/manifests';
import { ConfigObjectPage, ConfigPage } from '../pages/config-page';

const V3_ROUTE = ALL_TO_V1.replace('subset: v1', 'subset: v3');

test.describe('config', () => {
  test('lists every kind with its validation status, filtered by the URL', async ({
    page,
    api,
    tokenControlPlane,
    consoleErrors,
  }) => {
    // A route to subset v3, which no DestinationRule defines: stored, with an analysis error.
    await api.apply(`${httpbinService('cfg-list')}---\n${httpbinVirtualService('cfg-list', V3_ROUTE)}`);
    const config = new ConfigPage(page);
    await config.open(tokenControlPlane.url, '?namespace=cfg-list');

    await expect(config.row('Service', 'cfg-list', 'httpbin')).toContainText('valid');
    await expect(config.row('DestinationRule', 'cfg-list', 'httpbin')).toContainText('warning');
    await expect(config.row('VirtualService', 'cfg-list', 'httpbin')).toContainText('1 error');
    await page.screenshot({ path: 'screenshots/config-list.png', fullPage: true });

    await page.getByLabel('Kind').selectOption('virtualservices');
    await expect(page).toHaveURL(/kind=virtualservices/);
    await expect(config.row('Service', 'cfg-list', 'httpbin')).toHaveCount(0);
    await config.row('VirtualService', 'cfg-list', 'httpbin').getByRole('link').click();
    const object = new ConfigObjectPage(page);
    await expect(page).toHaveURL(/\/config\/virtualservices\/cfg-list\/httpbin/);
    await expect(page.getByTestId('yaml-view')).toContainText('subset: v3');
    await expect(page.getByRole('list', { name: 'Findings' })).toContainText('v3');
    await expect(object.tab('YAML')).toHaveAttribute('aria-selected', 'true');
    expect(consoleErrors).toEqual([]);
  });

  test('the YAML editor shows server validation inline and saves with the resourceVersion', async ({
    page,
    api,
    signIn,
    tokenControlPlane,
    consoleErrors,
  }) => {
    await api.apply(`${httpbinService('cfg-edit')}---\n${httpbinVirtualService('cfg-edit', ALL_TO_V1)}`);
    await signIn(page);
    const object = new ConfigObjectPage(page);
    await object.open(tokenControlPlane.url, 'virtualservices', 'cfg-edit', 'httpbin', 'edit');
    await expect(object.editor).toContainText('timeout: 5s');
    const original = await object.editorText();

    const invalid = `${original.trimEnd()}\n      mirror:\n        host: httpbin\n        subset: v2\n      mirrorPercentage:\n        value: 150\n`;
    await object.replaceText(invalid);
    await expect(object.validation).toContainText('max value of 100');
    await expect(object.editor.locator('.cm-lintRange-error').first()).toBeVisible();
    await page.screenshot({ path: 'screenshots/config-editor-invalid.png', fullPage: true });

    await object.replaceText(original.replace('timeout: 5s', 'timeout: 7s'));
    await expect(object.editorStatus).toContainText('nothing wrong');
    await object.saveButton.click();
    await expect(page.getByText(/Saved \(resourceVersion \d+\)/)).toBeVisible();
    const stored = await api.get<VirtualService>('virtualservices', 'cfg-edit', 'httpbin');
    expect(stored.spec.http?.[0]?.timeout).toBe('7s');
    expect(stored.metadata.labels).toEqual({ owner: 'hand-written' });
    expect(unexpectedErrors(consoleErrors, [failedRequest(422)])).toEqual([]);
  });

  test('history shows each revision as a diff and rolls back', async ({
    page,
    api,
    signIn,
    tokenControlPlane,
    consoleErrors,
  }) => {
    await api.apply(
      `${httpbinService('cfg-history')}---\n${httpbinVirtualService('cfg-history', ALL_TO_V1)}`,
    );
    const first = await api.get<VirtualService>('virtualservices', 'cfg-history', 'httpbin');
    await api.patch('virtualservices', 'cfg-history', 'httpbin', {
      spec: {
        http: [
          { name: 'primary', timeout: '30s', route: [{ destination: { host: 'httpbin', subset: 'v2' } }] },
        ],
      },
    });
    await signIn(page);
    const object = new ConfigObjectPage(page);
    await object.open(tokenControlPlane.url, 'virtualservices', 'cfg-history', 'httpbin', 'history');

    const firstRevision = Number(first.metadata.resourceVersion);
    await object.revision(firstRevision).click();
    await expect(page).toHaveURL(new RegExp(`rev=${firstRevision}`));
    await expect(object.revisionDiff).toContainText('+      timeout: 5s');
    const newest = page.getByRole('row').nth(1);
    await newest.getByRole('button').click();
    await expect(object.revisionDiff).toContainText('-      timeout: 5s');
    await expect(object.revisionDiff).toContainText('+      timeout: 30s');
    await page.screenshot({ path: 'screenshots/config-history.png', fullPage: true });

    await object.revision(firstRevision).click();
    await page.getByRole('button', { name: `Roll back to revision ${firstRevision}` }).click();
    await expect(page.getByText(`Rolled back to revision ${firstRevision}`)).toBeVisible();
    const rolledBack = await api.get<VirtualService>('virtualservices', 'cfg-history', 'httpbin');
    expect(rolledBack.spec.http?.[0]?.timeout).toBe('5s');
    expect(rolledBack.spec.http?.[0]?.route?.[0]?.destination.subset).toBe('v1');
    await expect(object.revisions.getByRole('row')).toHaveCount(4);
    expect(consoleErrors).toEqual([]);
  });
});
