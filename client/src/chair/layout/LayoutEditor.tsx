import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LayoutTemplate, type ConferenceState, type LayoutSpec, type PaneAssignment } from '@diemcau/shared';
import type { Send } from '../useCommand';
import { assign, sameLayout, withTemplate } from './layoutDraft';
import { dragProps } from './paneDrag';
import { PaneCanvas, PaneList, useAssignmentLabel } from './Panes';
import { TemplateIcon } from './TemplateIcon';
import { logRejection } from '../../ui/logRejection';

/** Every room, or one room whose own layout overrides the common one. */
// eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- 'all' is spelled out for the reader
type Target = 'all' | string;

/**
 * The layout every room shows (Art. 7.1.c): a template, the sites in its
 * panes, for all rooms or as one room's override. Edits stay a draft until
 * "Apply" sends them; until then the bridge's current layout is followed.
 */
export const LayoutEditor = memo(function LayoutEditor({ conference, send }: { conference: ConferenceState; send: Send }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<Target>('all');
  const [draft, setDraft] = useState<LayoutSpec | null>(null);
  const override = target === 'all' ? undefined : conference.overrides[target];
  const current = override ?? conference.layout;
  const shown = draft ?? current;
  const pending = draft !== null && !sameLayout(draft, current);

  const chooseTarget = (next: Target) => {
    setTarget(next);
    setDraft(null);
  };
  const apply = async () => {
    const sent = await send('chair:setLayout', { layout: shown, target: target === 'all' ? 'all' : { siteCode: target } });
    if (sent) setDraft(null);
  };
  const place = (paneIndex: number, assignment: PaneAssignment) => setDraft(assign(shown, paneIndex, assignment));

  return (
    <section className="chair-panel layout-editor" aria-labelledby="layout-heading">
      <h2 id="layout-heading">{t('chair.layout.heading')}</h2>
      <div className="layout-target">
        <label className="field">
          <span className="field-label">{t('chair.layout.target')}</span>
          <select name="layout-target" value={target} onChange={(event) => chooseTarget(event.target.value)}>
            <option value="all">{t('chair.layout.allSites')}</option>
            {conference.sites.map((site) => (
              <option key={site.siteCode} value={site.siteCode}>
                {conference.overrides[site.siteCode] ? t('chair.layout.siteWithOverride', { name: site.name }) : site.name}
              </option>
            ))}
          </select>
        </label>
        {override && (
          <button
            type="button"
            className="btn"
            data-action="clear-override"
            onClick={() => void send('chair:clearOverride', { siteCode: target }).catch(logRejection)}
          >
            {t('chair.layout.clearOverride')}
          </button>
        )}
      </div>
      {target !== 'all' && <p className="muted">{override ? t('chair.layout.overrideHint') : t('chair.layout.noOverrideHint')}</p>}
      {target === 'all' && Object.keys(conference.overrides).length > 0 && <p className="muted">{t('chair.layout.allReplacesOverrides')}</p>}

      <TemplatePicker value={shown.template} onChange={(template) => setDraft(withTemplate(shown, template))} />
      <PaneCanvas layout={shown} conference={conference} onAssign={place} />
      <Palette conference={conference} />
      <PaneList layout={shown} conference={conference} onAssign={place} />

      <div className="actions layout-actions">
        <button
          type="button"
          className="btn btn-primary btn-large"
          data-action="apply-layout"
          disabled={!pending}
          onClick={() => void apply().catch(logRejection)}
        >
          {t('chair.layout.apply')}
        </button>
        {pending && (
          <button type="button" className="btn" data-action="discard-layout" onClick={() => setDraft(null)}>
            {t('chair.layout.discard')}
          </button>
        )}
        <span className={pending ? 'layout-status layout-status-pending' : 'layout-status'} role="status">
          {pending ? t('chair.layout.pending') : t('chair.layout.applied')}
        </span>
      </div>
    </section>
  );
});

function TemplatePicker({ value, onChange }: { value: LayoutTemplate; onChange: (template: LayoutTemplate) => void }) {
  const { t } = useTranslation();
  return (
    <div className="template-picker" role="group" aria-label={t('chair.layout.template')}>
      {LayoutTemplate.options.map((template) => (
        <button
          key={template}
          type="button"
          className="template-choice"
          data-template={template}
          aria-pressed={template === value}
          onClick={() => onChange(template)}
        >
          <TemplateIcon template={template} />
          <span>{t(`chair.templates.${template}`)}</span>
        </button>
      ))}
    </div>
  );
}

/**
 * Chips to drag into the panes: the shared content, and "empty" to clear a pane. Rooms are dragged from
 * the list of rooms or the thumbnails: 150 chips here could not be searched.
 */
function Palette({ conference }: { conference: ConferenceState }) {
  const { t } = useTranslation();
  const label = useAssignmentLabel(conference);
  const chips: PaneAssignment[] = [{ kind: 'content' }, null];
  return (
    <div className="palette" aria-label={t('chair.layout.palette')}>
      <span className="palette-hint">{t('chair.layout.dragHint')}</span>
      {chips.map((assignment, index) => (
        <span key={index} className={`chip chip-${assignment?.kind ?? 'empty'}`} {...dragProps(assignment)}>
          {label(assignment)}
        </span>
      ))}
    </div>
  );
}
