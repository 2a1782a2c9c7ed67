import type { VirtualService } from '@shadowmesh/api';
import { expect, failedRequest, type MeshApi, test, unexpectedErrors } from '../fixtures/api';
import {
  ALL_TO_V1,
  FIFTY_FIFTY,
  httpbinService,
  httpbinVirtualService,
  V1_MIRROR_V2_10,
} from '../fixtures/manifests';
import { ServicePage } from '../pages/service-page';

// Each test works in its own namespace, so they share one control plane without sharing objects.
async function setUp(api: MeshApi, namespace: string, routeLines: string): Promise<void> {
  await api.apply(`${httpbinService(namespace)}---\n${httpbinVirtualService(namespace, routeLines)}`);
}

const vsOf = (api: MeshApi, namespace: string) =>
  api.get<VirtualService>('virtualservices', namespace, 'httpbin');

test.describe('traffic editor', () => {
  test('mirror slider to 100% by keyboard; Apply writes mirrorPercentage 100', async ({
    page,
    api,
    signIn,
    tokenControlPlane,
    consoleErrors,
  }) => {
    await setUp(api, 'mirror-keys', ALL_TO_V1);
    await signIn(page);
    const service = new ServicePage(page);
    await service.open(tokenControlPlane.url, 'mirror-keys', 'httpbin');

    await service.addMirror().click();
    const slider = service.mirrorSlider('httpbin v2');
    const input = service.mirrorInput('httpbin v2');
    await expect(slider).toHaveValue('10');
    await slider.focus();
    await page.keyboard.press('Home');
    await expect(input).toHaveValue('0');
    await page.keyboard.press('ArrowRight');
    await expect(input).toHaveValue('0.1');
    await page.keyboard.press('PageUp');
    expect(Number(await input.inputValue())).toBeGreaterThan(0.1);
    await page.keyboard.press('End');
    await expect(slider).toHaveValue('100');
    await expect(input).toHaveValue('100');
    await expect(service.diff).toContainText('+      mirror:');
    await expect(service.diff).toContainText('+        value: 100');
    await page.screenshot({ path: 'screenshots/traffic-editor-mirror-keyboard.png', fullPage: true });

    await service.applyButton.click();
    await expect(service.applyStatus).toContainText('Applied');
    const stored = await vsOf(api, 'mirror-keys');
    expect(stored.spec.http?.[0]?.mirror).toEqual({ host: 'httpbin', subset: 'v2' });
    expect(stored.spec.http?.[0]?.mirrorPercentage?.value).toBe(100);
    await page.screenshot({ path: 'screenshots/traffic-editor-mirror-applied.png', fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  test('mirror slider to 100% by mouse drag keeps the hand-written fields', async ({
    page,
    api,
    signIn,
    tokenControlPlane,
    consoleErrors,
  }) => {
    await setUp(api, 'mirror-drag', V1_MIRROR_V2_10);
    await signIn(page);
    const service = new ServicePage(page);
    await service.open(tokenControlPlane.url, 'mirror-drag', 'httpbin');

    const slider = service.mirrorSlider('httpbin v2');
    await expect(slider).toHaveValue('10');
    await service.dragSlider(slider, 1.2);
    await expect(slider).toHaveValue('100');
    await expect(service.mirrorInput('httpbin v2')).toHaveValue('100');
    await expect(service.diff).toContainText('-        value: 10');
    await expect(service.diff).toContainText('+        value: 100');
    await page.screenshot({ path: 'screenshots/traffic-editor-mirror-drag.png', fullPage: true });

    await service.applyButton.click();
    await expect(service.applyStatus).toContainText('Applied');
    const stored = await vsOf(api, 'mirror-drag');
    const route = stored.spec.http?.[0];
    expect(route?.mirrorPercentage?.value).toBe(100);
    expect(route?.name).toBe('primary');
    expect(route?.timeout).toBe('5s');
    expect(stored.metadata.labels).toEqual({ owner: 'hand-written' });
    expect(consoleErrors).toEqual([]);
  });

  test('v1 weight to 90 moves v2 to 10', async ({ page, api, signIn, tokenControlPlane, consoleErrors }) => {
    await setUp(api, 'weights', FIFTY_FIFTY);
    await signIn(page);
    const service = new ServicePage(page);
    await service.openFromList(tokenControlPlane.url, 'weights', 'httpbin');
    await expect(page).toHaveURL(/\/namespaces\/weights\/services\/httpbin$/);

    await expect(service.weightSlider('v1')).toHaveValue('50');
    await service.weightInput('v1').fill('90');
    await expect(service.weightSlider('v1')).toHaveValue('90');
    await expect(service.weightSlider('v2')).toHaveValue('10');
    await expect(service.weightInput('v2')).toHaveValue('10');
    // The slider itself, by keyboard: one step down and back up; v2 follows each time.
    await service.weightSlider('v1').focus();
    await page.keyboard.press('ArrowLeft');
    await expect(service.weightInput('v2')).toHaveValue('11');
    await page.keyboard.press('ArrowRight');
    await expect(service.weightInput('v1')).toHaveValue('90');
    await expect(service.weightInput('v2')).toHaveValue('10');
    await page.screenshot({ path: 'screenshots/traffic-editor-weights.png', fullPage: true });

    await service.applyButton.click();
    await expect(service.applyStatus).toContainText('Applied');
    const stored = await vsOf(api, 'weights');
    expect(stored.spec.http?.[0]?.route?.map((d) => d.weight)).toEqual([90, 10]);
    expect(stored.spec.http?.[0]?.timeout).toBe('5s');
    expect(consoleErrors).toEqual([]);
  });

  test('a change made meanwhile through the API shows the conflict, not a silent overwrite', async ({
    page,
    api,
    signIn,
    tokenControlPlane,
    consoleErrors,
  }) => {
    await setUp(api, 'conflict', FIFTY_FIFTY);
    await signIn(page);
    const service = new ServicePage(page);
    await service.open(tokenControlPlane.url, 'conflict', 'httpbin');
    await service.weightInput('v1').fill('90');
    await expect(service.weightInput('v2')).toHaveValue('10');

    // Someone else changes the VirtualService while the editor is open.
    await api.patch('virtualservices', 'conflict', 'httpbin', {
      spec: {
        http: [
          {
            name: 'primary',
            timeout: '9s',
            route: [
              { destination: { host: 'httpbin', subset: 'v1' }, weight: 50 },
              { destination: { host: 'httpbin', subset: 'v2' }, weight: 50 },
            ],
          },
        ],
      },
    });

    await service.applyButton.click();
    await expect(service.conflict).toBeVisible();
    await expect(service.conflictDiff).toContainText('-      timeout: 5s');
    await expect(service.conflictDiff).toContainText('+      timeout: 9s');
    await page.screenshot({ path: 'screenshots/traffic-editor-conflict.png', fullPage: true });
    const untouched = await vsOf(api, 'conflict');
    expect(untouched.spec.http?.[0]?.timeout).toBe('9s');
    expect(untouched.spec.http?.[0]?.route?.map((d) => d.weight)).toEqual([50, 50]);

    await service.reapplyButton.click();
    await expect(service.conflict).toBeHidden();
    await expect(service.rebaseNotice).toBeVisible();
    await expect(service.weightInput('v1')).toHaveValue('90');
    await expect(service.diff).toContainText('+          weight: 90');
    await service.applyButton.click();
    await expect(service.applyStatus).toContainText('Applied');
    const merged = await vsOf(api, 'conflict');
    expect(merged.spec.http?.[0]?.timeout).toBe('9s');
    expect(merged.spec.http?.[0]?.route?.map((d) => d.weight)).toEqual([90, 10]);
    await page.screenshot({ path: 'screenshots/traffic-editor-conflict-reapplied.png', fullPage: true });
    expect(unexpectedErrors(consoleErrors, [failedRequest(409)])).toEqual([]);
  });

  test("an invalid value shows the server's error on its field", async ({
    page,
    api,
    signIn,
    tokenControlPlane,
    consoleErrors,
  }) => {
    await setUp(api, 'invalid', V1_MIRROR_V2_10);
    await signIn(page);
    const service = new ServicePage(page);
    await service.open(tokenControlPlane.url, 'invalid', 'httpbin');

    const input = service.mirrorInput('httpbin v2');
    await input.fill('150');
    // The server's dry run reports the error on the field while editing…
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAccessibleDescription(/max value of 100/);
    // …and Apply is refused with the same field named.
    await service.applyButton.click();
    await expect(input).toHaveAccessibleDescription(/max value of 100/);
    await expect(service.applyStatus).toContainText('error');
    await page.screenshot({ path: 'screenshots/traffic-editor-invalid.png', fullPage: true });
    const stored = await vsOf(api, 'invalid');
    expect(stored.spec.http?.[0]?.mirrorPercentage?.value).toBe(10);
    expect(unexpectedErrors(consoleErrors, [failedRequest(422)])).toEqual([]);
  });
});
