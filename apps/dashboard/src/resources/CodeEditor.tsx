import { yaml } from '@codemirror/lang-yaml';
import { type Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import type { TextDiagnostic } from './diagnostics';

interface CodeEditorProps {
  /** Accessible name of the editing area. */
  label: string;
  value: string;
  onChange?: (text: string) => void;
  readOnly?: boolean;
  diagnostics?: readonly TextDiagnostic[];
  testId?: string;
}

/**
 * CodeMirror 6 with YAML mode. The editor view lives as long as the component (its `<div>` is never
 * re-rendered by React); `value` and `diagnostics` are pushed into it as transactions.
 */
export function CodeEditor({
  label,
  value,
  onChange,
  readOnly = false,
  diagnostics,
  testId,
}: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const editable = useRef(new Compartment());

  // biome-ignore lint/correctness/useExhaustiveDependencies: the view is created once; later props arrive through the effects below.
  useEffect(() => {
    if (!host.current) return;
    const created = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          yaml(),
          lintGutter(),
          editable.current.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current?.(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    const current = view.current;
    if (!current || current.state.doc.toString() === value) return;
    current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({
      effects: editable.current.reconfigure([
        EditorState.readOnly.of(readOnly),
        EditorView.editable.of(!readOnly),
      ]),
    });
  }, [readOnly]);

  useEffect(() => {
    const current = view.current;
    if (!current) return;
    const length = current.state.doc.length;
    const placed: Diagnostic[] = (diagnostics ?? []).map((d) => ({
      from: Math.min(d.from, length),
      to: Math.min(Math.max(d.to, d.from), length),
      severity: d.severity,
      message: d.message,
    }));
    current.dispatch(setDiagnostics(current.state, placed));
  }, [diagnostics]);

  return <div ref={host} className="code-editor" data-testid={testId} />;
}
