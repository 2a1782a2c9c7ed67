import type { Locator, Page } from '@playwright/test';

/** Page object for `/namespaces/{ns}/services/{name}`: the traffic editor of its VirtualService. */
export class ServicePage {
  readonly editor: Locator;
  readonly applyButton: Locator;
  readonly discardButton: Locator;
  readonly diff: Locator;
  readonly applyStatus: Locator;
  readonly conflict: Locator;
  readonly conflictDiff: Locator;
  readonly reapplyButton: Locator;
  readonly rebaseNotice: Locator;

  constructor(readonly page: Page) {
    this.editor = page.getByTestId('traffic-editor');
    this.applyButton = this.editor.getByRole('button', { name: 'Apply', exact: true });
    this.discardButton = this.editor.getByRole('button', { name: 'Discard changes' });
    this.diff = this.editor.getByTestId('yaml-diff');
    this.applyStatus = this.editor.getByTestId('apply-status');
    this.conflict = page.getByTestId('conflict-view');
    this.conflictDiff = page.getByTestId('conflict-diff');
    this.reapplyButton = this.conflict.getByRole('button', { name: 'Reapply my changes on top' });
    this.rebaseNotice = page.getByTestId('rebase-notice');
  }

  async open(baseUrl: string, namespace: string, name: string): Promise<void> {
    await this.page.goto(`${baseUrl}/namespaces/${namespace}/services/${name}`);
    await this.page.getByRole('heading', { level: 1, name }).waitFor();
  }

  /** Goes through the Services list (filtered by namespace in the URL) to the service's page. */
  async openFromList(baseUrl: string, namespace: string, name: string): Promise<void> {
    await this.page.goto(`${baseUrl}/services?namespace=${namespace}`);
    await this.page.getByRole('table', { name: 'Services' }).getByRole('link', { name, exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name }).waitFor();
  }

  /** The section of one HTTP route (`Route 1`, `Route 1: primary`). */
  route(index: number): Locator {
    return this.page.getByTestId(`route-${index}`);
  }

  weightSlider(subset: string): Locator {
    return this.editor.getByRole('slider', { name: `Weight of subset ${subset}` });
  }

  weightInput(subset: string): Locator {
    return this.editor.getByRole('spinbutton', { name: `Weight of subset ${subset}` });
  }

  lock(subset: string): Locator {
    return this.editor.getByRole('checkbox', { name: `Lock weight of subset ${subset}` });
  }

  /** `target` as the label names it: `httpbin v2`. */
  mirrorSlider(target: string): Locator {
    return this.editor.getByRole('slider', { name: `Mirror percentage to ${target}` });
  }

  mirrorInput(target: string): Locator {
    return this.editor.getByRole('spinbutton', { name: `Mirror percentage to ${target}` });
  }

  addMirror(routeIndex = 0): Locator {
    return this.route(routeIndex).getByRole('button', { name: 'Add mirror' });
  }

  removeMirror(target: string): Locator {
    return this.editor.getByRole('button', { name: `Remove mirror to ${target}` });
  }

  /** Drags a slider's thumb with the mouse to `fraction` (0..1) of its track (past the ends clamps). */
  async dragSlider(slider: Locator, fraction: number): Promise<void> {
    // The mouse can only drag what is on screen.
    await slider.scrollIntoViewIfNeeded();
    const box = await slider.boundingBox();
    if (!box) throw new Error('slider is not visible');
    const value = Number(await slider.inputValue());
    const max = Number((await slider.getAttribute('max')) ?? 100);
    const y = box.y + box.height / 2;
    // Native range thumbs sit inside the track, inset by half a thumb (about 8 px in Chromium).
    const inset = 8;
    const track = box.width - 2 * inset;
    await this.page.mouse.move(box.x + inset + (track * value) / max, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + inset + track * fraction, y, { steps: 12 });
    await this.page.mouse.up();
  }
}
