export function App() {
  return (
    <main>
      <h1>guestpass admin console</h1>
    </main>
  );
}
