import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginRequest } from '@diemcau/shared';
import { Field } from '../ui/Field';
import { FormProblems } from '../ui/FormProblems';
import { Notice } from '../ui/Notice';
import { useFormSubmit } from '../ui/useFormSubmit';
import { api } from './api';
import { LanguageSwitch } from './LanguageSwitch';
import { sessions } from './session';
import { logRejection } from '../ui/logRejection';

export function LoginScreen() {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const form = useFormSubmit(LoginRequest, (credentials) => api.login(credentials.username.toLowerCase(), credentials.password));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit({ username, password }).catch(logRejection);
  };

  return (
    <div className="login-page">
      <div className="login-language">
        <LanguageSwitch />
      </div>
      <main className="login-card">
        <p className="login-emblem" aria-hidden="true">
          ◉
        </p>
        <h1>{t('app.fullTitle')}</h1>
        <p className="muted">{t('login.intro')}</p>
        {sessions.endedByServer && <Notice tone="info">{t('login.sessionEnded')}</Notice>}
        <form onSubmit={submit} noValidate>
          <Field label={t('login.username')} error={form.errors.username}>
            <input name="username" autoComplete="username" autoCapitalize="none" value={username} onChange={(event) => setUsername(event.target.value)} />
          </Field>
          <Field label={t('login.password')} error={form.errors.password}>
            <input name="password" type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} />
          </Field>
          <FormProblems errors={form.errors} error={form.error} />
          <button type="submit" className="btn btn-primary login-submit" disabled={form.busy}>
            {form.busy ? t('login.signingIn') : t('login.submit')}
          </button>
        </form>
        <p className="login-help muted">{t('login.help')}</p>
      </main>
    </div>
  );
}
