using CollabEdit.Cli;

return Commands.Run(args, Console.OpenStandardOutput(), Console.Error);
