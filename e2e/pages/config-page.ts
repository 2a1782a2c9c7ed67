import type { Locator, Page } from '@playwright/test';

/** Page objects for `/config` (the list) and `/config/{plural}/{ns}/{name}` (YAML, editor, history). */
export class ConfigPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Resources' });
  }

  async open(baseUrl: string, query = ''): Promise<void> {
    await this.page.goto(`${baseUrl}/config${query}`);
    await this.page.getByRole('heading', { level: 1, name: 'Config' }).waitFor();
  }

  /** The table row of one object. */
  row(kind: string, namespace: string, name: string): Locator {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: kind, exact: true }) })
      .filter({ has: this.page.getByRole('cell', { name: namespace, exact: true }) })
      .filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }
}

export class ConfigObjectPage {
  readonly editor: Locator;
  readonly editorStatus: Locator;
  readonly validation: Locator;
  readonly saveButton: Locator;
  readonly revisions: Locator;
  readonly revisionDiff: Locator;

  constructor(readonly page: Page) {
    this.editor = page.getByTestId('yaml-editor');
    this.editorStatus = page.getByTestId('editor-status');
    this.validation = page.getByRole('list', { name: 'Validation' });
    this.saveButton = page.getByRole('button', { name: 'Save', exact: true });
    this.revisions = page.getByRole('table', { name: 'Revisions' });
    this.revisionDiff = page.getByTestId('revision-diff');
  }

  async open(baseUrl: string, plural: string, namespace: string, name: string, tab = 'yaml'): Promise<void> {
    await this.page.goto(`${baseUrl}/config/${plural}/${namespace}/${name}?tab=${tab}`);
    await this.page.getByRole('heading', { level: 1, name: new RegExp(`^${name}`) }).waitFor();
  }

  tab(name: 'YAML' | 'Edit' | 'History'): Locator {
    return this.page.getByRole('tab', { name });
  }

  /** Replaces the whole editor text, as a paste would. */
  async replaceText(text: string): Promise<void> {
    await this.editor.locator('.cm-content').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.insertText(text);
  }

  async editorText(): Promise<string> {
    // biome-ignore lint/performance/useDomNodeTextContent: CodeMirror renders a div per line; only innerText keeps the line breaks.
    return this.editor.locator('.cm-content').innerText();
  }

  revision(revision: number): Locator {
    return this.revisions.getByRole('button', { name: `Revision ${revision}`, exact: true });
  }
}
