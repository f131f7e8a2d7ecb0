// The gate and the routes: not signed in → sign-in; signed in but two-factor pending →
// enrolment only; otherwise the shell with Home, Account and the user's modules.
import { Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { Route, Routes, useLocation } from 'react-router';
import { AccountPage } from './account/AccountPage';
import { EnrolGate } from './auth/EnrolGate';
import { SignIn } from './auth/SignIn';
import { HomePage } from './home/HomePage';
import { onUnauthorized } from './lib/api';
import { ErrorNotice, Loading } from './lib/feedback';
import { Shell } from './lib/layout/Shell';
import { NotFound } from './lib/NotFound';
import { signedOut, useSession } from './lib/session';
import { modulesFor } from './modules';
import { isPublicPath, PublicPages } from './public/PublicPages';

export function App() {
  const qc = useQueryClient();
  const session = useSession();
  const { pathname } = useLocation();

  useEffect(() => onUnauthorized(() => signedOut(qc)), [qc]);

  // The public pages (anonymous report, its status, complaints) need no sign-in.
  if (isPublicPath(pathname)) return <PublicPages />;

  if (session.isPending) {
    return (
      <Center mih="100vh">
        <Loader />
      </Center>
    );
  }
  if (session.isError) {
    return (
      <Center mih="100vh" p="md">
        <ErrorNotice error={session.error} onRetry={() => void session.refetch()} />
      </Center>
    );
  }
  const s = session.data;
  if (!s) return <SignIn />;
  if (s.mfaPending) return <EnrolGate user={s.user} />;

  return (
    <Shell user={s.user}>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/account" element={<AccountPage />} />
          {modulesFor(s.user.modules).map((m) => (
            <Route key={m.id} path={`${m.path}/*`} element={<m.Page />} />
          ))}
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </Shell>
  );
}
