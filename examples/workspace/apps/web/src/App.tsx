import { Button, Card } from '@acme/ui/legacy';
import { theme } from './theme';

export function App() {
  return (
    <Card theme={theme}>
      <Button kind="primary">Buy now</Button>
      <Button
        kind="secondary"
        onClick={() => history.back()}
      >
        Back
      </Button>
    </Card>
  );
}
