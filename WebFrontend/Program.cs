using OrleansChat.Web;

await ChatFrontend.Build(args).RunAsync();
